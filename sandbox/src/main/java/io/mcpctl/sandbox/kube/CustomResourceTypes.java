package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.kube.schema.CustomResourceSchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored CustomResourceDefinitions into the resource types they define, each time it is
 * asked, so a CRD applied a moment ago is served, discoverable and validated at once.
 */
final class CustomResourceTypes {

  private static final Logger LOG = LoggerFactory.getLogger(CustomResourceTypes.class);

  private static final List<PrinterColumn> DEFAULT_COLUMNS =
      List.of(
          new PrinterColumn(
              "Age",
              "date",
              "",
              "CreationTimestamp is a timestamp representing the server time when this object was"
                  + " created.",
              0,
              (object, now) ->
                  TableCells.customColumnCell(object, ".metadata.creationTimestamp", "date", now)));

  /** Schema validators keyed by CRD uid, resourceVersion and version: built once per change. */
  private final Map<String, Optional<CustomResourceSchemaValidator>> validators =
      new ConcurrentHashMap<>();

  /** The served versions of every CRD, in the order the CRDs were created. */
  List<ResourceType> from(List<ObjectNode> crds) {
    List<ResourceType> types = new ArrayList<>();
    for (ObjectNode crd : crds) {
      JsonNode spec = crd.path("spec");
      for (JsonNode version : spec.path("versions")) {
        if (version.path("served").asBoolean(true)) {
          types.add(typeOf(crd, spec, version));
        }
      }
    }
    return types;
  }

  /** The version a CRD stores objects in: the one marked {@code storage}, else its first. */
  static String storageVersion(ObjectNode crd) {
    JsonNode versions = crd.path("spec").path("versions");
    for (JsonNode version : versions) {
      if (version.path("storage").asBoolean(false)) {
        return version.path("name").asText();
      }
    }
    return versions.path(0).path("name").asText();
  }

  private ResourceType typeOf(ObjectNode crd, JsonNode spec, JsonNode version) {
    JsonNode names = spec.path("names");
    String kind = names.path("kind").asText();
    String versionName = version.path("name").asText();
    JsonNode schema = version.path("schema").path("openAPIV3Schema");
    return new ResourceType(
        spec.path("group").asText(),
        versionName,
        kind,
        names.path("plural").asText(),
        names.path("singular").asText(kind.toLowerCase(Locale.ROOT)),
        !"Cluster".equals(spec.path("scope").asText()),
        strings(names.path("shortNames")),
        strings(names.path("categories")),
        version.path("subresources").has("status"),
        true,
        printerColumns(version.path("additionalPrinterColumns")),
        schema.isObject() ? Optional.of(schema) : Optional.empty(),
        validator(crd, versionName, schema));
  }

  private Optional<CustomResourceSchemaValidator> validator(
      ObjectNode crd, String version, JsonNode openApiV3Schema) {
    String key =
        Json.text(crd, "metadata.uid").orElse("")
            + "/"
            + Json.text(crd, "metadata.resourceVersion").orElse("")
            + "/"
            + version;
    return validators.computeIfAbsent(key, unused -> validatorFor(crd, openApiV3Schema));
  }

  private static Optional<CustomResourceSchemaValidator> validatorFor(
      ObjectNode crd, JsonNode openApiV3Schema) {
    if (!openApiV3Schema.isObject()) {
      return Optional.empty();
    }
    try {
      return Optional.of(CustomResourceSchemaValidator.fromOpenApiV3Schema(openApiV3Schema));
    } catch (RuntimeException e) {
      // Creating the CRD checked the schema; a stored one that still fails serves unvalidated.
      LOG.warn(
          "The schema of {} cannot validate: {}",
          Json.text(crd, "metadata.name").orElse("?"),
          e.toString());
      return Optional.empty();
    }
  }

  private static List<PrinterColumn> printerColumns(JsonNode columns) {
    if (!columns.isArray() || columns.isEmpty()) {
      return DEFAULT_COLUMNS;
    }
    List<PrinterColumn> result = new ArrayList<>();
    for (JsonNode column : columns) {
      String jsonPath = column.path("jsonPath").asText();
      String type = column.path("type").asText("string");
      result.add(
          new PrinterColumn(
              column.path("name").asText(),
              type,
              column.path("format").asText(""),
              Json.text(column, "description")
                  .orElse("Custom resource definition column (in JSONPath format): " + jsonPath),
              column.path("priority").asInt(0),
              (object, now) -> TableCells.customColumnCell(object, jsonPath, type, now)));
    }
    return List.copyOf(result);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return List.copyOf(values);
  }
}
