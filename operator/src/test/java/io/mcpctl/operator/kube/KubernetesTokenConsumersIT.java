package io.mcpctl.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.consumer.ReadMode;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.operator.SecretBackendOperator;
import io.mcpctl.operator.runtime.OperatorMetrics;
import io.mcpctl.operator.testing.KubernetesFixture;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A namespace's pods are read a page at a time, and every page's consumers are found. */
class KubernetesTokenConsumersIT {

  private static final String NAMESPACE = "crowd";
  private static final int CONSUMERS = 5;
  private static KubernetesFixture kube;

  @BeforeAll
  static void start() {
    kube = new KubernetesFixture();
    kube.createNamespace(NAMESPACE);
    IntStream.range(0, CONSUMERS).forEach(i -> create(pod("reader-" + i, "bao-token")));
    create(pod("other-0", "other-token"));
    create(pod("other-1", "other-token"));
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void theConsumersOfEveryPageAreFoundWithOneRequestPerPage() {
    OperatorMetrics metrics = new OperatorMetrics();
    try (KubernetesClient client =
        SecretBackendOperator.kubernetesClient(kube.api().clientConfig(), metrics)) {
      List<TokenConsumer> found =
          new KubernetesTokenConsumers(client, 2).find(NAMESPACE, "bao-token", "token");

      assertThat(found)
          .extracting(TokenConsumer::pod)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, CONSUMERS).mapToObj(i -> "reader-" + i).toList());
      assertThat(found).allSatisfy(consumer -> assertThat(consumer.mode()).isEqualTo(ReadMode.ENV));
      assertThat(metrics.apiRequests("GET")).as("7 pods in pages of 2").isEqualTo(4);
    }
  }

  @Test
  void aNamespaceOfFewerPodsThanAPageTakesOneRequest() {
    OperatorMetrics metrics = new OperatorMetrics();
    try (KubernetesClient client =
        SecretBackendOperator.kubernetesClient(kube.api().clientConfig(), metrics)) {
      assertThat(new KubernetesTokenConsumers(client).find(NAMESPACE, "bao-token", "token"))
          .hasSize(CONSUMERS);
      assertThat(new KubernetesTokenConsumers(client).find("empty", "bao-token", "token"))
          .isEmpty();
      assertThat(metrics.apiRequests("GET")).isEqualTo(2);
    }
  }

  private static void create(Pod pod) {
    kube.client().pods().inNamespace(NAMESPACE).resource(pod).create();
  }

  private static Pod pod(String name, String secret) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("app")
        .addNewEnv()
        .withName("BAO_TOKEN")
        .withNewValueFrom()
        .withNewSecretKeyRef("token", secret, false)
        .endValueFrom()
        .endEnv()
        .endContainer()
        .endSpec()
        .build();
  }
}
