package io.mcpctl.sandbox.openbao.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON merge patch (RFC 7386), which OpenBao applies to KV v2 data on PATCH. */
final class MergePatch {
  private MergePatch() {}

  static ObjectNode apply(ObjectNode target, ObjectNode patch) {
    ObjectNode result = target.deepCopy();
    patch
        .properties()
        .forEach(
            entry -> {
              JsonNode value = entry.getValue();
              if (value.isNull()) {
                result.remove(entry.getKey());
              } else if (value.isObject()
                  && result.get(entry.getKey()) instanceof ObjectNode existing) {
                result.set(entry.getKey(), apply(existing, (ObjectNode) value));
              } else {
                result.set(entry.getKey(), value.deepCopy());
              }
            });
    return result;
  }
}
