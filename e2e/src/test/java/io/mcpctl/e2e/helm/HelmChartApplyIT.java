package io.mcpctl.e2e.helm;

import static io.mcpctl.e2e.helm.OperatorChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.sandbox.kube.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered chart, applied with the real kubectl to the embedded Kubernetes API the way `helm
 * install` creates it: CRDs first, then the templates into the release namespace.
 */
class HelmChartApplyIT {

  private EmbeddedKubernetes kube;
  private Kubectl kubectl;

  @BeforeEach
  void startApi(@TempDir Path dir) {
    kube = EmbeddedKubernetes.start();
    kubectl = Kubectl.against(kube.writeKubeconfig(dir.resolve("kubeconfig")));
  }

  @AfterEach
  void stopApi() {
    kubectl.close();
    kube.close();
  }

  @Test
  void defaultInstallIsAcceptedAndStoredAsRendered() {
    RenderedChart chart = OperatorChart.render();
    install(chart);

    KubernetesClient client = kube.client();
    for (HasMetadata object : chart.objects()) {
      assertThat(client.resource(object).get())
          .as("%s %s stored", object.getKind(), object.getMetadata().getName())
          .isNotNull();
    }
    ClusterRole storedRole = client.rbac().clusterRoles().withName(OperatorChart.RELEASE).get();
    assertThat(RbacGrants.of(storedRole.getRules()))
        .containsExactlyInAnyOrderElementsOf(RbacGrants.WATCHED_NAMESPACE_GRANTS);
    Deployment storedDeployment =
        client.apps().deployments().inNamespace(NAMESPACE).withName(OperatorChart.RELEASE).get();
    assertThat(storedDeployment.getSpec().getTemplate().getSpec().getSecurityContext())
        .isEqualTo(
            chart.one(Deployment.class).getSpec().getTemplate().getSpec().getSecurityContext());

    Kubectl.Result secretBackends = kubectl.run("get", "secretbackends", "-A");
    assertThat(secretBackends.succeeded())
        .as("the installed CRD is served: %s", secretBackends.describe())
        .isTrue();
  }

  @Test
  void watchedNamespacesInstallGrantsRolesInEachNamespace() {
    RenderedChart chart =
        OperatorChart.render(OperatorChart.testValues("values-watch-namespaces.yaml"));
    createNamespace("team-a");
    createNamespace("team-b");
    install(chart);

    for (String namespace : List.of("team-a", "team-b")) {
      Role role =
          kube.client().rbac().roles().inNamespace(namespace).withName(OperatorChart.RELEASE).get();
      assertThat(role).as("Role in %s", namespace).isNotNull();
      assertThat(RbacGrants.of(role.getRules()))
          .containsExactlyInAnyOrderElementsOf(RbacGrants.WATCHED_NAMESPACE_GRANTS);
    }
    assertThat(kube.client().rbac().clusterRoles().withName(OperatorChart.RELEASE).get()).isNull();
    assertThat(
            kube.client()
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(NAMESPACE)
                .withName(OperatorChart.RELEASE)
                .get())
        .isNotNull();
  }

  @Test
  void monitoringInstallIsAcceptedOnceThePrometheusOperatorCrdsExist() throws Exception {
    RenderedChart chart = OperatorChart.render(OperatorChart.testValues("values-monitoring.yaml"));
    applyCrds(chart);
    createNamespace(NAMESPACE);

    Kubectl.Result withoutMonitoringCrds =
        kubectl.runWithInput(chart.manifest(), "apply", "-f", "-");
    assertThat(withoutMonitoringCrds.succeeded())
        .as("refused while the ServiceMonitor CRD is missing: %s", withoutMonitoringCrds.describe())
        .isFalse();

    String monitoringCrds = Files.readString(OperatorChart.testValues("monitoring-crds.yaml"));
    assertSucceeded(kubectl.runWithInput(monitoringCrds, "apply", "-f", "-"));
    assertSucceeded(kubectl.runWithInput(chart.manifest(), "apply", "-f", "-"));

    Kubectl.Result monitoring =
        kubectl.run("get", "servicemonitors,prometheusrules", "-n", NAMESPACE, "-o", "name");
    assertSucceeded(monitoring);
    assertThat(monitoring.stdout().lines().toList())
        .containsExactlyInAnyOrder(
            "servicemonitor.monitoring.coreos.com/" + OperatorChart.RELEASE,
            "prometheusrule.monitoring.coreos.com/" + OperatorChart.RELEASE);
  }

  /** What `helm install --create-namespace` does: CRDs, the namespace, then the templates. */
  private void install(RenderedChart chart) {
    applyCrds(chart);
    createNamespace(NAMESPACE);
    Kubectl.Result applied = kubectl.runWithInput(chart.manifest(), "apply", "-f", "-");
    assertSucceeded(applied);
    List<String> created = applied.stdout().lines().toList();
    long templatedObjects =
        chart.objects().stream()
            .filter(object -> !(object instanceof CustomResourceDefinition))
            .count();
    assertThat(created)
        .as("one line per object kubectl created")
        .hasSize((int) templatedObjects)
        .allSatisfy(line -> assertThat(line).endsWith(" created"));
  }

  private void applyCrds(RenderedChart chart) {
    Kubectl.Result crds = kubectl.runWithInput(chart.crdManifest(), "apply", "-f", "-");
    assertSucceeded(crds);
    assertThat(crds.stdout())
        .contains("customresourcedefinition.apiextensions.k8s.io/secretbackends.mcpctl.io created");
  }

  private void createNamespace(String namespace) {
    assertSucceeded(kubectl.run("create", "namespace", namespace));
  }

  private static void assertSucceeded(Kubectl.Result result) {
    assertThat(result.succeeded()).as(result.describe()).isTrue();
  }
}
