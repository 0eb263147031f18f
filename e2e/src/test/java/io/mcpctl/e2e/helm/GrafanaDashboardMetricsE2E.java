package io.mcpctl.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.openbao.policy.RotatorRole;
import io.mcpctl.sandbox.chart.ChartIdentity;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import io.mcpctl.sandbox.process.OperatorLauncher;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the chart's Grafana dashboard queries is one the operator exports: the packaged
 * operator runs under the chart's RBAC against the embedded API and the OpenBao stand-in, rotates a
 * backend whose Deployment reads the token through env (so the restart counter and the consumer
 * gauge have series too), and its /metrics scrape is compared with the metric names read out of
 * every query of the dashboard. A panel querying a metric nobody exports fails here.
 */
class GrafanaDashboardMetricsE2E {

  private static final String NAMESPACE = "team-a";
  private static final String BACKEND = "bao";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private EmbeddedKubernetes kube;
  private OpenBaoStandIn openBao;
  private OperatorLauncher.Running operator;

  @BeforeEach
  void startEverything() {
    kube = EmbeddedKubernetes.start();
    openBao = OpenBaoStandIn.start(StandInOptions.defaults());
    CustomResourceDefinition crd =
        kube.client()
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .load(
                new ByteArrayInputStream(
                    OperatorChart.render().crdManifest().getBytes(StandardCharsets.UTF_8)))
            .item();
    kube.client().resource(crd).create();
    Path operatorKubeconfig =
        ChartIdentity.render(OperatorChart.chartDir(), List.of())
            .installForKubeconfig(kube, dir.resolve("operator-kubeconfig"));
    provisionBackendWithAnEnvConsumer();
    operator =
        OperatorLauncher.jar(OperatorChart.operatorJar())
            .onFreeMetricsPort()
            .flags(List.of("--leader-election=false", "--health-check-interval=2s"))
            .kubeconfig(operatorKubeconfig)
            .log(dir.resolve("operator.log"))
            .start()
            .awaitReady(Duration.ofSeconds(120));
  }

  @AfterEach
  void stopEverything() {
    if (operator != null) {
      operator.close();
    }
    openBao.close();
    kube.close();
  }

  @Test
  void everyMetricTheDashboardQueriesIsExportedByARunningOperator() {
    // Rotated at first sight, the Deployment restarted, the replaced token revoked after its grace.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .as("the operator's /metrics; its log: %s", dir.resolve("operator.log"))
                    .contains("mcpctl_secretbackend_rotations_total{result=\"success\"}")
                    .contains("mcpctl_secretbackend_consumer_restarts_total{")
                    .contains("operation=\"revoke_self\",outcome=\"ok\""));
    Set<String> exported = DashboardMetrics.exported(scrape());
    JsonNode dashboard = GrafanaDashboard.read();

    assertThat(DashboardMetrics.referenced(dashboard))
        .as("metrics the dashboard queries")
        .contains(
            "mcpctl_secretbackend_token_expiration_timestamp_seconds",
            "mcpctl_openbao_request_duration_seconds_bucket",
            "mcpctl_rotation_limiter_waiting",
            "mcpctl_secretbackend_consumers_on_previous_token");
    assertThat(DashboardMetrics.notExported(dashboard, exported))
        .as("metrics the dashboard queries that the operator does not export")
        .isEmpty();

    ObjectNode rotten = dashboard.deepCopy();
    rotten
        .withArray("panels")
        .addObject()
        .put("type", "timeseries")
        .put("title", "A panel on a metric nobody exports")
        .putArray("targets")
        .addObject()
        .put("expr", "sum by (le) (rate(mcpctl_secretbackend_made_up_seconds_bucket[5m]))");
    assertThat(DashboardMetrics.notExported(rotten, exported))
        .as("a fabricated query is reported")
        .containsExactly("mcpctl_secretbackend_made_up_seconds_bucket");
  }

  /** The narrow policy and role, a first token in a bound Secret, a consumer, the backend. */
  private void provisionBackendWithAnEnvConsumer() {
    OpenBaoClient admin =
        OpenBaoClient.connect(OpenBaoConnection.of(openBao.address().toString()))
            .withToken(openBao.rootToken());
    NarrowAccess access = NarrowAccess.forBackend(NAMESPACE, BACKEND, "secret", "mcpctl");
    admin.writePolicy(access.policyName(), NarrowPolicy.hcl(access));
    admin.writeTokenRole(RotatorRole.desired(access));
    IssuedToken first = admin.createToken(access.roleName());
    String secretName = BACKEND + "-token";
    kube.client()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    kube.client()
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName(secretName)
                .withLabels(Map.of(SecretBackend.MANAGED_BY_LABEL, SecretBackend.MANAGED_BY_VALUE))
                .withAnnotations(
                    TokenSecretBinding.Binding.rotated(
                            BACKEND, openBao.address().toString(), TokenSecretBinding.TLS_SYSTEM)
                        .annotations())
                .endMetadata()
                .withType(TokenSecretBinding.TYPE)
                .withStringData(
                    Map.of("token", first.clientToken().reveal(), "accessor", first.accessor()))
                .build())
        .create();
    kube.client()
        .resource(
            """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "namespace": "%1$s"},
             "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
               "template": {"metadata": {"labels": {"app": "web"}},
                 "spec": {"containers": [{"name": "app", "image": "app", "env": [
                   {"name": "BAO_TOKEN",
                    "valueFrom": {"secretKeyRef": {"name": "%2$s", "key": "token"}}}]}]}}}}
            """
                .formatted(NAMESPACE, secretName))
        .create();
    kube.awaitWorkloadsSettled();
    kube.client()
        .resource(
            """
            {"apiVersion": "mcpctl.io/v1alpha1", "kind": "SecretBackend",
             "metadata": {"name": "%1$s", "namespace": "%2$s"},
             "spec": {"type": "openbao", "openbao": {
               "address": "%3$s",
               "kv": {"mount": "%4$s", "pathPrefix": "%5$s"},
               "auth": {"tokenSecretRef": {"name": "%6$s", "key": "token"},
                 "rotation": {"enabled": true, "tokenRole": "%7$s", "interval": "24h",
                   "jitter": "1m", "revokeGracePeriod": "1s",
                   "consumers": {"restart": "Rollout", "maxRevokeDelay": "5s"}}}}}}
            """
                .formatted(
                    BACKEND,
                    NAMESPACE,
                    openBao.address(),
                    access.mount(),
                    access.pathPrefix(),
                    secretName,
                    access.roleName()))
        .create();
  }

  private String scrape() {
    return operator.get("/metrics").orElseThrow().body();
  }
}
