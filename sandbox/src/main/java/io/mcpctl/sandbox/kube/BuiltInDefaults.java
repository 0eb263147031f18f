package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.time.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The fields the API server fills in for built-in kinds, so clients read what a cluster gives. */
final class BuiltInDefaults {

  private BuiltInDefaults() {}

  static void apply(ResourceType type, ObjectNode object, Instant now) {
    if (type.custom()) {
      return;
    }
    switch (type.plural()) {
      case "secrets" -> {
        if (!object.path("type").isTextual()) {
          object.put("type", "Opaque");
        }
        moveStringDataIntoData(object);
      }
      case "namespaces" -> {
        ObjectNode labels = objectField(Json.metadata(object), "labels");
        labels.put("kubernetes.io/metadata.name", object.path("metadata").path("name").asText());
        ObjectNode status = objectField(object, "status");
        if (!status.path("phase").isTextual()) {
          status.put("phase", "Active");
        }
      }
      case "customresourcedefinitions" -> {
        if (BuiltInResources.isCustomResourceDefinitions(type)) {
          object.set("status", establishedStatus(object, now));
        }
      }
      default -> {}
    }
  }

  /** The server stores stringData base64-encoded under data, overriding keys already there. */
  private static void moveStringDataIntoData(ObjectNode secret) {
    JsonNode stringData = secret.remove("stringData");
    if (stringData instanceof ObjectNode entries && !entries.isEmpty()) {
      ObjectNode data = objectField(secret, "data");
      entries
          .fields()
          .forEachRemaining(
              entry ->
                  data.put(
                      entry.getKey(),
                      Base64.getEncoder()
                          .encodeToString(
                              entry.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    }
  }

  /** A CRD is accepted and established at once: there is no controller to wait for. */
  private static ObjectNode establishedStatus(ObjectNode crd, Instant now) {
    ObjectNode status = Json.object();
    ArrayNode conditions = status.putArray("conditions");
    for (String[] condition :
        new String[][] {
          {"NamesAccepted", "NoConflicts", "no conflicts found"},
          {"Established", "InitialNamesAccepted", "the initial names have been accepted"}
        }) {
      conditions
          .addObject()
          .put("type", condition[0])
          .put("status", "True")
          .put("lastTransitionTime", Rfc3339.format(now))
          .put("reason", condition[1])
          .put("message", condition[2]);
    }
    JsonNode names = crd.path("spec").path("names");
    status.set("acceptedNames", names.isObject() ? names.deepCopy() : Json.object());
    status.putArray("storedVersions").add(CustomResourceTypes.storageVersion(crd));
    return status;
  }

  private static ObjectNode objectField(ObjectNode parent, String field) {
    return parent.get(field) instanceof ObjectNode existing ? existing : parent.putObject(field);
  }
}
