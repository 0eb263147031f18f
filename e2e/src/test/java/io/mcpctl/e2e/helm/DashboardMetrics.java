package io.mcpctl.e2e.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/** What a dashboard queries, compared with what a scrape exports. */
final class DashboardMetrics {

  private DashboardMetrics() {}

  /**
   * The series names of a Prometheus text scrape: what PromQL can select. A histogram {@code x}
   * exports {@code x_bucket}, {@code x_count} and {@code x_sum}, never {@code x} itself.
   */
  static Set<String> exported(String scrape) {
    Set<String> names = new TreeSet<>();
    scrape
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("[{ ]", 2)[0])
        .forEach(names::add);
    return names;
  }

  static Set<String> referenced(JsonNode dashboard) {
    Set<String> names = new TreeSet<>();
    GrafanaDashboard.expressions(dashboard)
        .forEach(expression -> names.addAll(PromQlMetricNames.in(expression)));
    return names;
  }

  static Set<String> notExported(JsonNode dashboard, Set<String> exported) {
    Set<String> missing = new TreeSet<>(referenced(dashboard));
    missing.removeAll(exported);
    return missing;
  }
}
