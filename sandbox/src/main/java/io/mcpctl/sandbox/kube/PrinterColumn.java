package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A column of the server-side Table that {@code kubectl get} prints.
 *
 * @param type the OpenAPI type kubectl formats the cell by: string, integer, number, boolean, date
 * @param priority 0 for the default view, greater for {@code -o wide} only
 */
record PrinterColumn(
    String name, String type, String format, String description, int priority, Cell cell) {

  /** Computes one cell; a JSON null prints as {@code <none>}. */
  @FunctionalInterface
  interface Cell {
    JsonNode of(ObjectNode object, Instant now);
  }
}
