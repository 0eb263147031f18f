package io.mcpctl.sandbox.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a structural schema's defaults in place, as the API server does before validating: a
 * property that is absent, or null without {@code nullable: true}, takes its default; a null
 * without a default is dropped; defaults only fill objects that exist, and defaulted values are
 * defaulted in turn.
 */
final class SchemaDefaulter {

  private SchemaDefaulter() {}

  static void apply(SchemaNode schema, JsonNode value) {
    if (value instanceof ObjectNode object) {
      applyToObject(schema, object);
    } else if (value instanceof ArrayNode array) {
      schema.items().ifPresent(items -> applyToArray(items, array));
    }
  }

  private static void applyToObject(SchemaNode schema, ObjectNode object) {
    for (String name : schema.propertyNames()) {
      SchemaNode property = schema.property(name).orElseThrow();
      JsonNode current = object.get(name);
      boolean missing = current == null || (current.isNull() && !property.nullable());
      Optional<JsonNode> defaultValue = property.defaultValue();
      if (missing && defaultValue.isPresent()) {
        object.set(name, defaultValue.get().deepCopy());
      } else if (current != null && current.isNull() && !property.nullable()) {
        object.remove(name);
      }
    }
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      schema.schemaForKey(name).ifPresent(child -> apply(child, object.get(name)));
    }
  }

  private static void applyToArray(SchemaNode items, ArrayNode array) {
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).isNull() && !items.nullable() && items.defaultValue().isPresent()) {
        array.set(i, items.defaultValue().get().deepCopy());
      }
      apply(items, array.get(i));
    }
  }
}
