package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Optional;

/** The JSON (and YAML) plumbing the embedded API shares. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Parses a request body that must be one JSON object; a 400 otherwise, as the server does. */
  static ObjectNode parseObject(String body) {
    return asObject(parse(body, MAPPER));
  }

  /** Parses a body sent as {@code application/apply-patch+yaml} (YAML or JSON). */
  static ObjectNode parseYamlObject(String body) {
    return asObject(parse(body, YAML));
  }

  static ObjectNode parseStored(String stored) {
    try {
      return (ObjectNode) MAPPER.readTree(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The object store holds a document that is not JSON", e);
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree could not be written", e);
    }
  }

  /** The text at a dotted path such as {@code metadata.name}, when it is a non-empty string. */
  static Optional<String> text(JsonNode node, String dottedPath) {
    JsonNode current = node;
    for (String segment : dottedPath.split("\\.")) {
      current = current.path(segment);
    }
    return current.isTextual() && !current.asText().isEmpty()
        ? Optional.of(current.asText())
        : Optional.empty();
  }

  static ObjectNode metadata(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    if (metadata instanceof ObjectNode metadataObject) {
      return metadataObject;
    }
    return object.putObject("metadata");
  }

  private static JsonNode parse(String body, ObjectMapper mapper) {
    if (body == null || body.isBlank()) {
      throw ApiError.badRequest("The request has no body; send the object as JSON.");
    }
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest(
          "The request body is not valid JSON: "
              + e.getOriginalMessage()
              + "; send the object as JSON.");
    }
  }

  private static ObjectNode asObject(JsonNode node) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw ApiError.badRequest("The request body must be a JSON object.");
  }
}
