package io.mcpctl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.secrets.BackendLookups;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugin's reads of trees answer what fabric8's typed reads answer, failures included. */
class TreeBackendLookupsIT {

  private static KubeFixture kube;
  private static String namespace;
  private static BackendLookups throughFabric8;
  private static BackendLookups direct;

  @BeforeAll
  static void start() {
    kube = KubeFixture.start();
    namespace = kube.newNamespace("lookups");
    KubernetesClient client = kube.client();
    client
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .resource(BackendObjects.backend(namespace, "plain", BackendObjects.kubernetesSpec(true)))
        .create();
    for (String name : List.of("github", "slack", "unlabelled")) {
      SecretBuilder secret =
          new SecretBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .endMetadata()
              .withData(Map.of("token", "c2VjcmV0"));
      if (!name.equals("unlabelled")) {
        secret.editMetadata().addToLabels("mcpctl.io/backend", "plain").endMetadata();
      }
      client.secrets().inNamespace(namespace).resource(secret.build()).create();
    }
    throughFabric8 = BackendLookups.of(client);
    direct = new TreeBackendLookups(DirectKubeApis.of(kube.kubeconfig()));
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void theBackendsOfANamespace() {
    List<SecretBackend> read = direct.backends(namespace);

    assertThat(read).hasSize(1);
    assertThat(read.get(0).getMetadata().getName()).isEqualTo("plain");
    assertThat(read.get(0).getSpec().isDefaultBackend()).isTrue();
    assertThat(read).isEqualTo(throughFabric8.backends(namespace));
  }

  @Test
  void aSecretByNameWithItsDataAndNoneForAMissingOne() {
    assertThat(direct.secret(namespace, "github"))
        .isEqualTo(throughFabric8.secret(namespace, "github"));
    assertThat(direct.secret(namespace, "github").map(Secret::getData))
        .contains(Map.of("token", "c2VjcmV0"));
    assertThat(direct.secret(namespace, "missing")).isEmpty();
  }

  @Test
  void theSecretsALabelSelects() {
    List<Secret> read = direct.secrets(namespace, "mcpctl.io/backend=plain");

    assertThat(read)
        .extracting(secret -> secret.getMetadata().getName())
        .containsExactlyInAnyOrder("github", "slack");
    assertThat(read)
        .containsExactlyInAnyOrderElementsOf(
            throughFabric8.secrets(namespace, "mcpctl.io/backend=plain"));
  }

  @Test
  void aReadRbacForbidsFailsWithItsCodeAndTheApisMessageAsThroughFabric8() {
    Path kubeconfig =
        kube.api()
            .writeKubeconfig(
                kube.directory().resolve("nobody.kubeconfig"),
                kube.api().serviceAccountToken(namespace, "nobody"));
    BackendLookups forbiddenThroughFabric8 =
        BackendLookups.of(KubeClients.client(kubeconfig, null));
    BackendLookups forbiddenDirect = new TreeBackendLookups(DirectKubeApis.of(kubeconfig));

    KubernetesClientException fabric8 =
        catchThrowableOfType(
            () -> forbiddenThroughFabric8.secret(namespace, "github"),
            KubernetesClientException.class);
    KubernetesClientException directly =
        catchThrowableOfType(
            () -> forbiddenDirect.secret(namespace, "github"), KubernetesClientException.class);

    assertThat(fabric8.getCode()).isEqualTo(403);
    assertThat(directly.getCode()).isEqualTo(403);
    assertThat(directly.getStatus().getMessage())
        .isEqualTo(fabric8.getStatus().getMessage())
        .contains("cannot get resource \"secrets\"");
    assertThat(KubernetesErrors.sentence(directly)).isEqualTo(KubernetesErrors.sentence(fabric8));
  }
}
