package io.mcpctl.e2e.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The chart's Grafana dashboard JSON, and the PromQL it runs. */
final class GrafanaDashboard {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GrafanaDashboard() {}

  static Path file() {
    return OperatorChart.chartDir().resolve("dashboards/mcpctl-operator.json");
  }

  static JsonNode read() {
    try {
      return JSON.readTree(file().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every panel, those inside collapsed rows included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    collectPanels(dashboard.path("panels"), panels);
    return panels;
  }

  private static void collectPanels(JsonNode level, List<JsonNode> into) {
    for (JsonNode panel : level) {
      into.add(panel);
      collectPanels(panel.path("panels"), into);
    }
  }

  /**
   * Every PromQL expression the dashboard runs: each panel target's {@code expr} and each query
   * variable's query.
   */
  static List<String> expressions(JsonNode dashboard) {
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : panels(dashboard)) {
      panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        JsonNode query = variable.path("query");
        expressions.add(query.isObject() ? query.path("query").asText() : query.asText());
      }
    }
    return expressions;
  }
}
