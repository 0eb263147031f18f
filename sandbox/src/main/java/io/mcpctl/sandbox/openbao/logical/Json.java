package io.mcpctl.sandbox.openbao.logical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Jackson helpers shared by the stand-in; one mapper, and Go's habit of sorting map keys. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  public static ArrayNode strings(Collection<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  /** A JSON array of strings, or JSON null when the list is null (Go's nil slice). */
  public static JsonNode stringsOrNull(List<String> values) {
    return values == null ? NODES.nullNode() : strings(values);
  }

  public static JsonNode stringMapOrNull(Map<String, String> values) {
    if (values == null) {
      return NODES.nullNode();
    }
    ObjectNode node = NODES.objectNode();
    new TreeMap<>(values).forEach(node::put);
    return node;
  }

  /**
   * Copies a tree with every object's keys sorted, because OpenBao encodes its response maps with
   * Go's encoding/json, which sorts map keys.
   */
  public static JsonNode sortedCopy(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode sorted = NODES.objectNode();
      List<String> names = new ArrayList<>();
      Iterator<String> fieldNames = node.fieldNames();
      fieldNames.forEachRemaining(names::add);
      names.sort(String::compareTo);
      for (String name : names) {
        sorted.set(name, sortedCopy(node.get(name)));
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(element -> copy.add(sortedCopy(element)));
      return copy;
    }
    return node;
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("A JSON tree could not be written.", impossible);
    }
  }
}
