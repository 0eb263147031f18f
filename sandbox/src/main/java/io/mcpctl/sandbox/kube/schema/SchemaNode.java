package io.mcpctl.sandbox.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read access to one node of a structural OpenAPI v3 schema, named after the keywords it reads. */
record SchemaNode(JsonNode json) {

  Optional<String> type() {
    return text("type");
  }

  boolean nullable() {
    return json.path("nullable").asBoolean(false);
  }

  boolean intOrString() {
    return json.path("x-kubernetes-int-or-string").asBoolean(false);
  }

  boolean preservesUnknownFields() {
    return json.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
        || json.path("additionalProperties").asBoolean(false);
  }

  boolean embeddedResource() {
    return json.path("x-kubernetes-embedded-resource").asBoolean(false);
  }

  Optional<SchemaNode> property(String name) {
    JsonNode property = json.path("properties").get(name);
    return Optional.ofNullable(property).filter(JsonNode::isObject).map(SchemaNode::new);
  }

  Optional<SchemaNode> additionalProperties() {
    JsonNode additional = json.get("additionalProperties");
    return Optional.ofNullable(additional).filter(JsonNode::isObject).map(SchemaNode::new);
  }

  Optional<SchemaNode> items() {
    return Optional.ofNullable(json.get("items")).filter(JsonNode::isObject).map(SchemaNode::new);
  }

  /** The schema for a property if declared, else the schema for map values if any. */
  Optional<SchemaNode> schemaForKey(String name) {
    Optional<SchemaNode> declared = property(name);
    return declared.isPresent() ? declared : additionalProperties();
  }

  /** Names of the declared properties that have a schema (an object), in schema order. */
  List<String> propertyNames() {
    List<String> names = new ArrayList<>();
    json.path("properties")
        .properties()
        .forEach(
            property -> {
              if (property.getValue().isObject()) {
                names.add(property.getKey());
              }
            });
    return names;
  }

  List<String> required() {
    List<String> names = new ArrayList<>();
    json.path("required").forEach(name -> names.add(name.asText()));
    return names;
  }

  Optional<JsonNode> defaultValue() {
    return Optional.ofNullable(json.get("default"));
  }

  Optional<JsonNode> enumValues() {
    return Optional.ofNullable(json.get("enum")).filter(JsonNode::isArray);
  }

  Optional<String> pattern() {
    return text("pattern");
  }

  Optional<JsonNode> number(String keyword) {
    return Optional.ofNullable(json.get(keyword)).filter(JsonNode::isNumber);
  }

  JsonNode validationRules() {
    return json.path("x-kubernetes-validations");
  }

  private Optional<String> text(String keyword) {
    return Optional.ofNullable(json.get(keyword)).filter(JsonNode::isTextual).map(JsonNode::asText);
  }
}
