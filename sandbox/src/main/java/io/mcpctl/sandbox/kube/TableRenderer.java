package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Server-side Table output ({@code Accept: application/json;as=Table;g=meta.k8s.io;v=v1}), the
 * format {@code kubectl get} prints columns from: Name, then the type's printer columns.
 */
final class TableRenderer {

  private static final String NAME_DESCRIPTION =
      "Name must be unique within a namespace. Is required when creating resources, although some"
          + " resources may allow a client to request the generation of an appropriate name"
          + " automatically.";

  private TableRenderer() {}

  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /**
   * @param includeObject the request's {@code includeObject}: None, Object, or (default) Metadata
   */
  static ObjectNode render(
      ResourceType type,
      List<ObjectNode> objects,
      String resourceVersion,
      Instant now,
      String includeObject) {
    ObjectNode table = Json.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode columns = table.putArray("columnDefinitions");
    columns
        .addObject()
        .put("name", "Name")
        .put("type", "string")
        .put("format", "name")
        .put("description", NAME_DESCRIPTION)
        .put("priority", 0);
    for (PrinterColumn column : type.printerColumns()) {
      columns
          .addObject()
          .put("name", column.name())
          .put("type", column.type())
          .put("format", column.format())
          .put("description", column.description())
          .put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (ObjectNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(object.path("metadata").path("name").asText());
      for (PrinterColumn column : type.printerColumns()) {
        cells.add(column.cell().of(object, now));
      }
      switch (includeObject == null ? "Metadata" : includeObject) {
        case "None" -> {}
        case "Object" -> row.set("object", object);
        default -> {
          ObjectNode partial =
              Json.object()
                  .put("kind", "PartialObjectMetadata")
                  .put("apiVersion", "meta.k8s.io/v1");
          partial.set("metadata", object.path("metadata").deepCopy());
          row.set("object", partial);
        }
      }
    }
    return table;
  }
}
