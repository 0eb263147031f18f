package io.mcpctl.e2e.helm;

import static io.mcpctl.e2e.helm.OperatorChart.NAMESPACE;
import static io.mcpctl.e2e.helm.OperatorChart.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm itself (through helm-java) installs, upgrades and uninstalls the chart on the embedded API.
 */
class HelmReleaseLifecycleIT {

  private static final ResourceDefinitionContext SECRET_BACKENDS =
      new ResourceDefinitionContext.Builder()
          .withGroup("mcpctl.io")
          .withVersion("v1alpha1")
          .withKind("SecretBackend")
          .withPlural("secretbackends")
          .withNamespaced(true)
          .build();

  private EmbeddedKubernetes kube;
  private Path kubeconfig;

  @BeforeEach
  void startApi(@TempDir Path dir) {
    kube = EmbeddedKubernetes.start();
    kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));
  }

  @AfterEach
  void stopApi() {
    kube.close();
  }

  @Test
  void installUpgradeAndUninstallLeaveCrdsAndSecretBackendsInPlace() {
    KubernetesClient client = kube.client();

    Release installed =
        new Helm(OperatorChart.chartDir())
            .install()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .createNamespace()
            .withKubeConfig(kubeconfig)
            .call();
    assertThat(installed.getStatus()).isEqualTo("deployed");
    assertThat(installed.getRevision()).isEqualTo("1");
    assertThat(installed.getOutput()).contains("kubectl mcpctl create secretbackend");
    assertThat(
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("secretbackends.mcpctl.io")
                .get())
        .isNotNull();
    assertThat(client.rbac().clusterRoles().withName(RELEASE).get()).isNotNull();
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
        .create();
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata().build())
        .create();
    GenericKubernetesResource backend =
        client
            .genericKubernetesResources(SECRET_BACKENDS)
            .inNamespace("team-a")
            .resource(
                new GenericKubernetesResourceBuilder()
                    .withApiVersion("mcpctl.io/v1alpha1")
                    .withKind("SecretBackend")
                    .withNewMetadata()
                    .withName("plain")
                    .withNamespace("team-a")
                    .endMetadata()
                    .withAdditionalProperties(Map.of("spec", Map.of("type", "kubernetes")))
                    .build())
            .create();

    Release upgraded =
        new Helm(OperatorChart.chartDir())
            .upgrade()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withValuesFile(OperatorChart.testValues("values-watch-namespaces.yaml"))
            .withKubeConfig(kubeconfig)
            .call();
    assertThat(upgraded.getRevision()).isEqualTo("2");
    assertThat(client.rbac().clusterRoles().withName(RELEASE).get())
        .as("the cluster-wide grant is gone once namespaces are listed")
        .isNull();
    Role teamA = client.rbac().roles().inNamespace("team-a").withName(RELEASE).get();
    assertThat(RbacGrants.of(teamA.getRules()))
        .containsExactlyInAnyOrderElementsOf(RbacGrants.WATCHED_NAMESPACE_GRANTS);
    Deployment deployment =
        client.apps().deployments().inNamespace(NAMESPACE).withName(RELEASE).get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);

    Helm.uninstall(RELEASE).withNamespace(NAMESPACE).withKubeConfig(kubeconfig).call();
    assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName(RELEASE).get()).isNull();
    assertThat(client.rbac().roles().inNamespace("team-a").withName(RELEASE).get()).isNull();
    assertThat(client.serviceAccounts().inNamespace(NAMESPACE).withName(RELEASE).get()).isNull();
    assertThat(
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("secretbackends.mcpctl.io")
                .get())
        .as("Helm never deletes a chart's CRDs, so SecretBackends survive an uninstall")
        .isNotNull();
    assertThat(
            client
                .genericKubernetesResources(SECRET_BACKENDS)
                .inNamespace("team-a")
                .withName(backend.getMetadata().getName())
                .get())
        .isNotNull();
  }
}
