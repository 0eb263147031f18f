package io.mcpctl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.cli.KubeFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubeClientsIT {

  private static KubeFixture kube;

  @BeforeAll
  static void start() {
    kube = KubeFixture.start();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  /**
   * The embedded API hands out EC keys in PKCS#8, as kubectl reads them and fabric8 alone does not.
   */
  @Test
  void aClientCertificateWithAPkcs8EcKeyConnectsThroughFabric8() {
    Path kubeconfig =
        kube.api()
            .writeKubeconfigWithClientCertificate(
                kube.directory().resolve("ec.kubeconfig"), "alice", List.of("system:masters"));

    try (KubernetesClient client = KubeClients.client(kubeconfig, null)) {
      assertThat(client.namespaces().withName("default").get()).isNotNull();
    }
  }
}
