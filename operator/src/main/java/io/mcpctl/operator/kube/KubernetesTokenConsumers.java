package io.mcpctl.operator.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.mcpctl.consumer.PodConsumers;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.consumer.Workload;
import io.mcpctl.openbao.OpenBaoPaths;
import io.mcpctl.operator.reconcile.RestartRefusedException;
import io.mcpctl.operator.reconcile.RestartRequest;
import io.mcpctl.operator.reconcile.TokenConsumers;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Token consumers through the API: one namespaced pod list per look (no cluster-wide pod cache,
 * which would cost memory in proportion to every pod of the cluster), one namespaced ReplicaSet
 * list when a consumer belongs to a ReplicaSet (to find its Deployment), and, for a restart, one
 * read of the workload and the pod-template annotation {@code kubectl rollout restart} sets.
 *
 * <p>Pods and ReplicaSets are read a page at a time as plain JSON maps ({@link PagedList}), which
 * is what {@link PodConsumers} reads: binding fabric8's Pod model only to turn each pod back into
 * maps cost twice the CPU, and holding a whole namespace's pods as models at once could take more
 * heap than the operator has (docs/benchmarks.md, "Consumers in a crowded namespace"). Pages are
 * bounded in bytes and the consumers of one look in number, since whoever may create pods chooses
 * how large and how many they are.
 */
public final class KubernetesTokenConsumers implements TokenConsumers {

  /** What {@code kubectl rollout restart} sets on the pod template. */
  public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  /**
   * The most containers one look counts: each is held until the look ends, and whoever may create
   * pods may make many that read the token.
   */
  static final int MAX_CONSUMERS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final PatchContext MERGE =
      new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).build();

  private final KubernetesClient client;
  private final int pageSize;
  private final int maxPageBytes;
  private final int maxConsumers;

  public KubernetesTokenConsumers(KubernetesClient client) {
    this(client, PagedList.PAGE_SIZE, PagedList.MAX_PAGE_BYTES, MAX_CONSUMERS);
  }

  KubernetesTokenConsumers(
      KubernetesClient client, int pageSize, int maxPageBytes, int maxConsumers) {
    this.client = client;
    this.pageSize = pageSize;
    this.maxPageBytes = maxPageBytes;
    this.maxConsumers = maxConsumers;
  }

  @Override
  public List<TokenConsumer> find(String namespace, String secret, String tokenKey) {
    List<TokenConsumer> consumers = new ArrayList<>();
    PagedList.forEach(
        client,
        "/api/v1/namespaces/" + OpenBaoPaths.encodeSegment(namespace) + "/pods",
        "the pod list of namespace " + namespace,
        pageSize,
        maxPageBytes,
        pod -> {
          // A ReplicaSet owner is resolved below, once the pods' page is no longer held.
          consumers.addAll(PodConsumers.of(pod, secret, tokenKey, replicaSet -> Optional.empty()));
          if (consumers.size() > maxConsumers) {
            throw new KubernetesClientException(
                "More than "
                    + maxConsumers
                    + " containers in namespace "
                    + namespace
                    + " read Secret "
                    + secret
                    + "; the operator counts no more.");
          }
        });
    if (consumers.stream().noneMatch(KubernetesTokenConsumers::ownedByAReplicaSet)) {
      return consumers;
    }
    // One list of the namespace's ReplicaSets, and only when a consumer has one.
    Map<String, Optional<Workload>> deployments = deploymentsByReplicaSet(namespace);
    return consumers.stream()
        .map(
            consumer ->
                ownedByAReplicaSet(consumer)
                    ? new TokenConsumer(
                        consumer.pod(),
                        consumer.container(),
                        consumer.mode(),
                        deployments
                            .getOrDefault(consumer.workload().name(), Optional.empty())
                            .orElse(consumer.workload()),
                        consumer.startedAt(),
                        consumer.finishesAtStart())
                    : consumer)
        .toList();
  }

  private static boolean ownedByAReplicaSet(TokenConsumer consumer) {
    return consumer.workload().kind().equals(Workload.REPLICA_SET);
  }

  @Override
  public void restart(RestartRequest request, Turn turn) throws InterruptedException {
    String namespace = request.namespace();
    Workload workload = request.workload();
    String resource =
        switch (workload.kind()) {
          case Workload.DEPLOYMENT -> "deployments";
          case Workload.STATEFUL_SET -> "statefulsets";
          case Workload.DAEMON_SET -> "daemonsets";
          default ->
              throw new IllegalArgumentException(workload + " cannot be restarted by a rollout.");
        };
    // A pod names its owner itself, and whoever may create pods may name any workload: only a
    // workload whose own template holds the token is restarted for it.
    Map<String, Object> current;
    try {
      current =
          read(
                  "/apis/apps/v1/namespaces/"
                      + OpenBaoPaths.encodeSegment(namespace)
                      + "/"
                      + resource
                      + "/"
                      + OpenBaoPaths.encodeSegment(workload.name()),
                  workload)
              .orElseThrow(() -> new RestartRefusedException(workload + " no longer exists"));
    } catch (KubernetesClientException refused) {
      throw refusedFor("get", workload, refused);
    }
    if (!PodConsumers.templateHoldsToken(current, request.secret(), request.tokenKey())) {
      throw new RestartRefusedException(
          "its pod template does not read key "
              + request.tokenKey()
              + " of Secret "
              + request.secret()
              + " only at start, so the pods that name it as their owner were not made from it");
    }
    turn.await();
    // A merge patch of just the annotation, sent as an item: given the patch as text, fabric8
    // reads the workload first.
    ObjectMeta metadata =
        new ObjectMetaBuilder().withName(workload.name()).withNamespace(namespace).build();
    PodTemplateSpec template =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .addToAnnotations(RESTARTED_AT, Rfc3339.format(request.switchedAt()))
            .endMetadata()
            .build();
    HasMetadata restarted;
    try {
      restarted =
          switch (workload.kind()) {
            case Workload.DEPLOYMENT ->
                client
                    .apps()
                    .deployments()
                    .inNamespace(namespace)
                    .resource(
                        new DeploymentBuilder()
                            .withMetadata(metadata)
                            .withNewSpec()
                            .withTemplate(template)
                            .endSpec()
                            .build())
                    .patch(MERGE);
            case Workload.STATEFUL_SET ->
                client
                    .apps()
                    .statefulSets()
                    .inNamespace(namespace)
                    .resource(
                        new StatefulSetBuilder()
                            .withMetadata(metadata)
                            .withNewSpec()
                            .withTemplate(template)
                            .endSpec()
                            .build())
                    .patch(MERGE);
            default ->
                client
                    .apps()
                    .daemonSets()
                    .inNamespace(namespace)
                    .resource(
                        new DaemonSetBuilder()
                            .withMetadata(metadata)
                            .withNewSpec()
                            .withTemplate(template)
                            .endSpec()
                            .build())
                    .patch(MERGE);
          };
    } catch (KubernetesClientException refused) {
      throw refusedFor("patch", workload, refused);
    }
    recordOn(restarted, request.backend(), request.switchedAt());
  }

  /** A 403 as the sentence an event can carry; any other failure as it is. */
  private static RuntimeException refusedFor(
      String verb, Workload workload, KubernetesClientException refused) {
    if (refused.getCode() == 403) {
      return new RestartRefusedException(
          "the operator may not "
              + verb
              + " "
              + workload
              + " (the Helm chart grants get and patch with rbac.rolloutRestart=true)");
    }
    return refused;
  }

  /** One workload as JSON maps, empty when it does not exist; never quoted (env values). */
  private Optional<Map<String, Object>> read(String path, Workload workload) {
    String body = client.raw(path);
    if (body == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(body, new TypeReference<Map<String, Object>>() {}));
    } catch (JsonProcessingException unreadable) {
      throw new KubernetesClientException("The API answered " + workload + " with no object.");
    }
  }

  /** An event on the workload, so that its own history says why it restarted. */
  private void recordOn(HasMetadata workload, String backend, Instant at) {
    String now = Rfc3339.format(at);
    String namespace = workload.getMetadata().getNamespace();
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .resource(
              OperatorEvent.about(
                  new ObjectReferenceBuilder()
                      .withApiVersion(workload.getApiVersion())
                      .withKind(workload.getKind())
                      .withNamespace(namespace)
                      .withName(workload.getMetadata().getName())
                      .withUid(workload.getMetadata().getUid())
                      .build(),
                  "Normal",
                  "RestartedForTokenRotation",
                  "Rolling restart by mcpctl-operator: SecretBackend "
                      + backend
                      + " rotated the token its pods read only at start.",
                  now,
                  null))
          .create();
    } catch (KubernetesClientException failure) {
      // The restart happened; the event is a courtesy, as the backend's own event records it.
    }
  }

  private Map<String, Optional<Workload>> deploymentsByReplicaSet(String namespace) {
    Map<String, Optional<Workload>> owners = new HashMap<>();
    PagedList.forEach(
        client,
        "/apis/apps/v1/namespaces/" + OpenBaoPaths.encodeSegment(namespace) + "/replicasets",
        "the ReplicaSet list of namespace " + namespace,
        pageSize,
        maxPageBytes,
        replicaSet -> {
          if (replicaSet.get("metadata") instanceof Map<?, ?> metadata) {
            owners.put(String.valueOf(metadata.get("name")), PodConsumers.deploymentOf(replicaSet));
          }
        });
    return owners;
  }
}
