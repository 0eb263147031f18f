package io.mcpctl.e2e.helm;

import static io.mcpctl.e2e.helm.OperatorChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard ConfigMap: absent unless asked for, then carrying the label the Grafana
 * sidecar of kube-prometheus-stack loads dashboards by, and the dashboard JSON as shipped.
 */
class HelmChartDashboardTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA_KEY = "mcpctl-operator.json";

  @Test
  void noDashboardUnlessEnabled() {
    assertThat(OperatorChart.render().all(ConfigMap.class)).isEmpty();
  }

  @Test
  void enabledItIsAConfigMapTheSidecarLoadsWithTheDashboardAsShipped(@TempDir Path workDir)
      throws IOException {
    ConfigMap dashboard =
        OperatorChart.renderInline("grafanaDashboard:\n  enabled: true\n", workDir)
            .one(ConfigMap.class);

    assertThat(dashboard.getMetadata().getName()).isEqualTo("mcpctl-operator-dashboard");
    assertThat(dashboard.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(dashboard.getMetadata().getLabels())
        .containsEntry("grafana_dashboard", "1")
        .containsEntry("app.kubernetes.io/component", "metrics")
        .containsEntry("app.kubernetes.io/part-of", "mcpctl");
    assertThat(dashboard.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(dashboard.getData()).containsOnlyKeys(DATA_KEY);
    JsonNode rendered = JSON.readTree(dashboard.getData().get(DATA_KEY));
    assertThat(rendered).isEqualTo(GrafanaDashboard.read());
    assertThat(rendered.path("uid").asText()).isEqualTo("mcpctl-operator");
  }

  @Test
  void labelNamespaceAndAnnotationsFollowTheValues() {
    ConfigMap dashboard =
        OperatorChart.render(OperatorChart.testValues("values-grafana-dashboard.yaml"))
            .one(ConfigMap.class);

    assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring");
    assertThat(dashboard.getMetadata().getLabels())
        .containsEntry("grafana_dashboard_mcpctl", "yes")
        .containsEntry("team", "platform")
        .doesNotContainKey("grafana_dashboard");
    assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "mcpctl");
  }

  @Test
  void lintsCleanInStrictMode(@TempDir Path workDir) {
    LintResult result =
        OperatorChart.lint(workDir, OperatorChart.testValues("values-grafana-dashboard.yaml"));
    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
  }

  @Test
  void everyPanelQueriesTheChosenDataSourceAndTheNamespaceAndBackendVariablesExist() {
    JsonNode dashboard = GrafanaDashboard.read();
    List<String> variables = new ArrayList<>();
    dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
    assertThat(variables).containsExactly("datasource", "namespace", "backend");

    List<JsonNode> panels = GrafanaDashboard.panels(dashboard);
    assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
    for (JsonNode panel : panels) {
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText())
          .as("data source of panel '%s'", panel.path("title").asText())
          .isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as("queries of '%s'", panel.path("title")).isNotEmpty();
      panel
          .path("targets")
          .forEach(
              target ->
                  assertThat(target.path("datasource").path("uid").asText())
                      .isEqualTo("${datasource}"));
    }
    assertThat(GrafanaDashboard.expressions(dashboard))
        .as("the per-backend panels follow the namespace and backend variables")
        .filteredOn(expr -> expr.contains("token_expiration_timestamp_seconds"))
        .singleElement()
        .satisfies(expr -> assertThat(expr).contains("namespace=~\"$namespace\"", "$backend"));
  }
}
