package io.mcpctl.sandbox.openbao.kv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Backend;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A KV version 1 mount: the body of a write is the secret, no versions. Writing {@code data/x} here
 * stores a literal key {@code data/x}, which is exactly the trap a client must detect.
 */
public final class KvV1Backend implements Backend {
  private final TreeMap<String, ObjectNode> entries = new TreeMap<>();

  Map<String, ObjectNode> entries() {
    return Collections.unmodifiableMap(entries);
  }

  @Override
  public Optional<Boolean> exists(LogicalRequest request) {
    return Optional.of(entries.containsKey(request.relativePath()));
  }

  @Override
  public LogicalResponse handle(LogicalRequest request) {
    String key = request.relativePath();
    switch (request.operation()) {
      case READ:
        ObjectNode found = entries.get(key);
        if (found == null) {
          throw ApiError.empty(404);
        }
        return LogicalResponse.data(found.deepCopy());
      case CREATE:
      case UPDATE:
        if (request.data().isEmpty()) {
          throw ApiError.wrapped(500, "missing data fields");
        }
        entries.put(key, request.data().deepCopy());
        return LogicalResponse.noContent();
      case DELETE:
        entries.remove(key);
        return LogicalResponse.noContent();
      case LIST:
        return LogicalResponse.list(KvListing.children(entries.keySet(), key));
      default:
        throw ApiError.unsupportedOperation();
    }
  }
}
