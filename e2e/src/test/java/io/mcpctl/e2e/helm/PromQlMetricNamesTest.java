package io.mcpctl.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Metric names read out of PromQL, so a dashboard's queries can be checked against /metrics. */
class PromQlMetricNamesTest {

  record Case(String description, String expression, List<String> metrics) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a bare metric", "up", List.of("up")),
        new Case(
            "label matchers and their values are not metrics",
            "mcpctl_secretbackend_health{namespace=~\"$namespace\", state!=\"healthy\"} == 1",
            List.of("mcpctl_secretbackend_health")),
        new Case(
            "functions, aggregation labels and Grafana's interval are not metrics",
            "sum by (result) (increase(mcpctl_secretbackend_rotations_total[$__rate_interval]))",
            List.of("mcpctl_secretbackend_rotations_total")),
        new Case(
            "a histogram is selected by its _bucket series",
            "histogram_quantile(0.95, sum by (le, operation)"
                + " (rate(mcpctl_openbao_request_duration_seconds_bucket[5m])))",
            List.of("mcpctl_openbao_request_duration_seconds_bucket")),
        new Case(
            "both sides of a binary operation, with on() and group_left()",
            "a_total / on (namespace) group_left (team) b_info * 1e3 offset 5m",
            List.of("a_total", "b_info")),
        new Case(
            "a matcher holding a brace or a keyword in its value",
            "x{msg=\"} or y\"} unless z",
            List.of("x", "z")),
        new Case(
            "time() and vector() are functions",
            "min by (namespace, name) (expiry_seconds) - time() or vector(0)",
            List.of("expiry_seconds")),
        new Case(
            "Grafana's label_values names its metric, not its label",
            "label_values(mcpctl_secretbackend_health{namespace=~\"$namespace\"}, name)",
            List.of("mcpctl_secretbackend_health")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsTheMetricNames(Case example) {
    assertThat(PromQlMetricNames.in(example.expression()))
        .containsExactlyElementsOf(example.metrics());
  }
}
