package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Applies a PATCH body to the current object the way its media type says. */
final class Patches {

  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  private static final String ACCEPTED =
      "accepted media types include: " + JSON_PATCH + ", " + MERGE_PATCH + ", " + APPLY_PATCH;

  private Patches() {}

  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int parameters = contentType.indexOf(';');
    return (parameters < 0 ? contentType : contentType.substring(0, parameters))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * @param type the patched resource: strategic merge patches are refused for custom resources, as
   *     the API server refuses them
   */
  static ObjectNode apply(String mediaType, String body, ObjectNode current, ResourceType type) {
    return switch (mediaType) {
      case JSON_PATCH -> jsonPatch(body, current);
      case MERGE_PATCH -> asObject(mergePatch(current, Json.parseObject(body)));
      case STRATEGIC_MERGE_PATCH -> {
        if (type.custom()) {
          throw ApiError.unsupportedMediaType(
              "the body of the request was in an unknown format - " + ACCEPTED);
        }
        // The built-ins kubectl patches this way carry no lists with merge keys: a merge patch
        // without the strategic directives gives the same result.
        yield asObject(mergePatch(current, withoutDirectives(Json.parseObject(body))));
      }
      case APPLY_PATCH -> serverSideApply(current, Json.parseYamlObject(body));
      default ->
          throw ApiError.unsupportedMediaType(
              "the body of the request was in an unknown format - " + ACCEPTED);
    };
  }

  /** RFC 7386: objects merge key by key, null removes a key, anything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target instanceof ObjectNode object ? object.deepCopy() : Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  /**
   * Server-side apply for one field manager, which is how the sandbox is used: each top-level field
   * the applied object names (spec, status, data...) becomes exactly what it says, so fields it
   * dropped disappear; labels and annotations merge key by key, finalizers as a set. A {@code
   * resourceVersion} the applied object names is kept, so that the update refuses it with 409 when
   * it is not the current one: kube-apiserver merges it into the object it stores like any other
   * field, which makes it a precondition (a controller applying the status of the copy it read,
   * resourceVersion included, meets that 409 on a real cluster).
   */
  static ObjectNode serverSideApply(ObjectNode current, ObjectNode applied) {
    ObjectNode result = current.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = applied.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isNull()
          && !List.of("apiVersion", "kind", "metadata").contains(field.getKey())) {
        result.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    JsonNode appliedMetadata = applied.path("metadata");
    ObjectNode metadata = Json.metadata(result);
    for (String map : List.of("labels", "annotations")) {
      if (appliedMetadata.get(map) instanceof ObjectNode entries) {
        ObjectNode target =
            metadata.get(map) instanceof ObjectNode existing ? existing : metadata.putObject(map);
        target.setAll(entries.deepCopy());
      }
    }
    if (appliedMetadata.get("finalizers") instanceof ArrayNode finalizers) {
      Set<String> union = new LinkedHashSet<>();
      metadata.path("finalizers").forEach(finalizer -> union.add(finalizer.asText()));
      finalizers.forEach(finalizer -> union.add(finalizer.asText()));
      ArrayNode target = metadata.putArray("finalizers");
      union.forEach(target::add);
    }
    if (appliedMetadata.has("ownerReferences")) {
      metadata.set("ownerReferences", appliedMetadata.get("ownerReferences").deepCopy());
    }
    if (appliedMetadata.path("resourceVersion").isTextual()
        && !appliedMetadata.path("resourceVersion").asText().isEmpty()) {
      metadata.put("resourceVersion", appliedMetadata.path("resourceVersion").asText());
    }
    return result;
  }

  private static ObjectNode jsonPatch(String body, ObjectNode current) {
    JsonNode operations;
    try {
      operations = Json.MAPPER.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiError.badRequest("The JSON patch is not valid JSON: " + e.getOriginalMessage());
    }
    if (!operations.isArray()) {
      throw ApiError.badRequest("A JSON patch must be an array of operations.");
    }
    try {
      return asObject(JsonPatch.apply(operations, current));
    } catch (JsonPatchException e) {
      throw ApiError.fromStore(
          422, "the server rejected our request due to an error in our request: " + e.getMessage());
    }
  }

  private static JsonNode withoutDirectives(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> directives = new ArrayList<>();
      object
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (name.startsWith("$")) {
                  directives.add(name);
                }
              });
      object.remove(directives);
      object.forEach(Patches::withoutDirectives);
    } else if (node instanceof ArrayNode array) {
      array.forEach(Patches::withoutDirectives);
    }
    return node;
  }

  private static ObjectNode asObject(JsonNode node) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw ApiError.badRequest(
        "The patch turned the object into something other than a JSON object.");
  }
}
