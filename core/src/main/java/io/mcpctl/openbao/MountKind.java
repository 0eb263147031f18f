package io.mcpctl.openbao;

/** What a secrets-engine mount is, as far as this project cares. */
public enum MountKind {
  /** {@code type=kv} with {@code options.version="2"}. */
  KV_V2,
  /** {@code type=kv} without version 2: writing to {@code data/x} would create a literal key. */
  KV_V1,
  /** Any other engine. */
  OTHER
}
