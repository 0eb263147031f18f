package io.mcpctl.sandbox.openbao.kv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One version of a KV v2 secret; a destroyed version has lost its data for good. */
final class KvVersion {
  ObjectNode data;
  final Instant createdTime;
  Instant deletionTime;
  boolean destroyed;

  KvVersion(ObjectNode data, Instant createdTime) {
    this.data = data;
    this.createdTime = createdTime;
  }

  /** Soft-deleted once its deletion time is reached. */
  boolean deletedAt(Instant now) {
    return deletionTime != null && !deletionTime.isAfter(now);
  }
}
