package io.mcpctl.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.consumer.ReadMode;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.consumer.Workload;
import io.mcpctl.operator.SecretBackendOperator;
import io.mcpctl.operator.reconcile.RestartRefusedException;
import io.mcpctl.operator.reconcile.RestartRequest;
import io.mcpctl.operator.reconcile.TokenConsumers;
import io.mcpctl.operator.runtime.OperatorMetrics;
import io.mcpctl.operator.testing.KubernetesFixture;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A namespace's pods and ReplicaSets are read a page at a time, and every page's consumers are
 * found and traced to their workloads.
 */
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
          new KubernetesTokenConsumers(client, 2, PagedList.MAX_PAGE_BYTES, 100)
              .find(NAMESPACE, "bao-token", "token");

      assertThat(found)
          .extracting(TokenConsumer::pod)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, CONSUMERS).mapToObj(i -> "reader-" + i).toList());
      assertThat(found).allSatisfy(consumer -> assertThat(consumer.mode()).isEqualTo(ReadMode.ENV));
      assertThat(metrics.apiRequests("GET")).as("7 pods in pages of 2").isEqualTo(4);
    }
  }

  @Test
  void aRestartTheOperatorMayNotSendSaysWhatGrantsIt() {
    kube.createNamespace("locked");
    kube.createConsumerWorkload("locked", "Deployment", "app", "bao-token");
    String token = kube.api().serviceAccountToken("locked", "no-workload-rights");
    try (KubernetesClient unprivileged =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(kube.api().clientConfig()).withOauthToken(token).build())
            .build()) {
      TokenConsumers consumers = new KubernetesTokenConsumers(unprivileged);

      assertThatThrownBy(
              () ->
                  consumers.restart(
                      new RestartRequest(
                          "locked",
                          new Workload(Workload.DEPLOYMENT, "app"),
                          "bao-token",
                          "token",
                          "bao",
                          Instant.parse("2026-12-06T10:00:00Z")),
                      () -> {}))
          .isInstanceOf(RestartRefusedException.class)
          .hasMessage(
              "the operator may not get Deployment/app (the Helm chart grants get and patch with"
                  + " rbac.rolloutRestart=true)");
      assertThatThrownBy(() -> consumers.find("locked", "bao-token", "token"))
          .as("the API's refusal of the pod list, with its own message")
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              refused -> {
                assertThat(refused.getCode()).isEqualTo(403);
                assertThat(refused.getMessage()).contains("forbidden").contains("pods");
              });
    }
  }

  @Test
  void aWorkloadIsRestartedOnlyWhenItsOwnPodTemplateHoldsTheToken() throws Exception {
    String namespace = "claimed";
    kube.createNamespace(namespace);
    kube.createConsumerWorkload(namespace, "StatefulSet", "reader", "bao-token");
    // Whoever may create pods may name any workload as the owner of a pod that reads the token.
    kube.client()
        .resource(
            """
            {"apiVersion": "apps/v1", "kind": "StatefulSet",
             "metadata": {"name": "victim", "namespace": "claimed"},
             "spec": {"selector": {"matchLabels": {"app": "victim"}},
               "template": {"metadata": {"labels": {"app": "victim"}},
                 "spec": {"containers": [{"name": "app", "image": "app", "volumeMounts": [
                   {"name": "token", "mountPath": "/var/run/bao"}]}],
                   "volumes": [{"name": "token", "secret": {"secretName": "bao-token"}}]}}}}
            """)
        .create();
    kube.api().awaitWorkloadsSettled();
    Instant switchedAt = Instant.parse("2026-12-06T10:00:00Z");
    TokenConsumers consumers = new KubernetesTokenConsumers(kube.client());
    AtomicInteger turns = new AtomicInteger();

    consumers.restart(
        new RestartRequest(
            namespace,
            new Workload(Workload.STATEFUL_SET, "reader"),
            "bao-token",
            "token",
            "bao",
            switchedAt),
        turns::incrementAndGet);
    for (String[] refused :
        new String[][] {
          {"victim", "bao-token", "token"},
          {"reader", "other-token", "token"},
          {"reader", "bao-token", "other-key"}
        }) {
      assertThatThrownBy(
              () ->
                  consumers.restart(
                      new RestartRequest(
                          namespace,
                          new Workload(Workload.STATEFUL_SET, refused[0]),
                          refused[1],
                          refused[2],
                          "bao",
                          switchedAt),
                      turns::incrementAndGet))
          .isInstanceOf(RestartRefusedException.class)
          .hasMessage(
              "its pod template does not read key "
                  + refused[2]
                  + " of Secret "
                  + refused[1]
                  + " only at start, so the pods that name it as their owner were not made from"
                  + " it");
    }
    assertThatThrownBy(
            () ->
                consumers.restart(
                    new RestartRequest(
                        namespace,
                        new Workload(Workload.DEPLOYMENT, "gone"),
                        "bao-token",
                        "token",
                        "bao",
                        switchedAt),
                    turns::incrementAndGet))
        .isInstanceOf(RestartRefusedException.class)
        .hasMessage("Deployment/gone no longer exists");

    assertThat(restartedAt(namespace, "reader")).contains(switchedAt.toString());
    assertThat(restartedAt(namespace, "victim")).isNull();
    assertThat(turns).as("only the restart sent waited for a turn").hasValue(1);
  }

  private static String restartedAt(String namespace, String statefulSet) {
    return kube.client()
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .withName(statefulSet)
        .get()
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(KubernetesTokenConsumers.RESTARTED_AT);
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

  @Test
  void pagesLargerThanTheirBoundAreAskedForAgainWithFewerItemsAndEveryConsumerIsFound() {
    String namespace = "bulky";
    kube.createNamespace(namespace);
    // Whoever may create pods may make each as large as the API server takes.
    for (int i = 0; i < 6; i++) {
      Pod bulky = pod("bulky-" + i, "bao-token");
      bulky
          .getSpec()
          .getContainers()
          .get(0)
          .getEnv()
          .add(new EnvVar("PADDING", "x".repeat(30_000), null));
      kube.client().pods().inNamespace(namespace).resource(bulky).create();
    }
    OperatorMetrics metrics = new OperatorMetrics();
    try (KubernetesClient client =
        SecretBackendOperator.kubernetesClient(kube.api().clientConfig(), metrics)) {
      List<TokenConsumer> found =
          new KubernetesTokenConsumers(client, 500, 64 << 10, 100)
              .find(namespace, "bao-token", "token");

      assertThat(found)
          .extracting(TokenConsumer::pod)
          .containsExactlyInAnyOrder(
              "bulky-0", "bulky-1", "bulky-2", "bulky-3", "bulky-4", "bulky-5");
      assertThat(metrics.apiRequests("GET"))
          .as(
              "500, 62 and 7 pods too large for 64 KiB; then 1 and 2 pods, 4 too large, 1 and the"
                  + " last 2")
          .isEqualTo(8);
      assertThatThrownBy(
              () ->
                  new KubernetesTokenConsumers(client, 500, 16 << 10, 100)
                      .find(namespace, "bao-token", "token"))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessage(
              "The API answered the pod list of namespace bulky with an item larger than 16384"
                  + " bytes; it is not read.");
    }
  }

  @Test
  void aLookCountsAtMostItsBoundOfConsumers() {
    TokenConsumers bounded = new KubernetesTokenConsumers(kube.client(), 500, 8 << 20, 4);

    assertThatThrownBy(() -> bounded.find(NAMESPACE, "bao-token", "token"))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessage(
            "More than 4 containers in namespace crowd read Secret bao-token; the operator"
                + " counts no more.");
  }

  private static void create(Pod pod) {
    kube.client().pods().inNamespace(NAMESPACE).resource(pod).create();
  }

  @Test
  void aConsumerOfAReplicaSetIsTracedToItsDeploymentThroughPagesOfReplicaSets() {
    String namespace = "owned";
    kube.createNamespace(namespace);
    for (String[] replicaSet :
        new String[][] {{"api-1", "api"}, {"batch-1", null}, {"web-1", "web"}}) {
      kube.client()
          .apps()
          .replicaSets()
          .inNamespace(namespace)
          .resource(replicaSet(replicaSet[0], replicaSet[1]))
          .create();
    }
    Pod reader = pod("web-1-abcde", "bao-token");
    reader
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("ReplicaSet")
                    .withName("web-1")
                    .withUid("uid-web-1")
                    .withController(true)
                    .build()));
    kube.client().pods().inNamespace(namespace).resource(reader).create();
    OperatorMetrics metrics = new OperatorMetrics();
    try (KubernetesClient client =
        SecretBackendOperator.kubernetesClient(kube.api().clientConfig(), metrics)) {
      List<TokenConsumer> found =
          new KubernetesTokenConsumers(client, 2, PagedList.MAX_PAGE_BYTES, 100)
              .find(namespace, "bao-token", "token");

      assertThat(found)
          .extracting(TokenConsumer::workload)
          .containsExactly(new Workload(Workload.DEPLOYMENT, "web"));
      assertThat(metrics.apiRequests("GET"))
          .as("one page of pods, two of ReplicaSets")
          .isEqualTo(3);
    }
  }

  private static ReplicaSet replicaSet(String name, String deployment) {
    ReplicaSetBuilder replicaSet =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withReplicas(0)
            .withNewSelector()
            .addToMatchLabels("app", name)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("app")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec();
    if (deployment != null) {
      replicaSet
          .editMetadata()
          .addNewOwnerReference()
          .withApiVersion("apps/v1")
          .withKind("Deployment")
          .withName(deployment)
          .withUid("uid-" + deployment)
          .withController(true)
          .endOwnerReference()
          .endMetadata();
    }
    return replicaSet.build();
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
