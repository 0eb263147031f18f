package io.mcpctl.operator.kube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.mcpctl.consumer.PodConsumers;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.consumer.Workload;
import io.mcpctl.openbao.OpenBaoPaths;
import io.mcpctl.operator.reconcile.TokenConsumers;
import io.mcpctl.time.Rfc3339;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Token consumers through the API: one namespaced pod list per look (no cluster-wide pod cache,
 * which would cost memory in proportion to every pod of the cluster), one namespaced ReplicaSet
 * list when a consumer belongs to a ReplicaSet (to find its Deployment), and the pod-template
 * annotation {@code kubectl rollout restart} sets.
 *
 * <p>The pods are read in pages of {@value #PAGE_SIZE} (kubectl's chunk size) as plain JSON maps,
 * which is what {@link PodConsumers} reads: binding fabric8's Pod model only to turn each pod back
 * into maps cost twice the CPU, and holding a whole namespace's pods as models at once could take
 * more heap than the operator has (docs/benchmarks.md, "Consumers in a crowded namespace").
 */
public final class KubernetesTokenConsumers implements TokenConsumers {

  /** kubectl's default {@code --chunk-size}. */
  static final int PAGE_SIZE = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What {@code kubectl rollout restart} sets on the pod template. */
  public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  private static final PatchContext MERGE =
      new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).build();

  private final KubernetesClient client;
  private final int pageSize;

  public KubernetesTokenConsumers(KubernetesClient client) {
    this(client, PAGE_SIZE);
  }

  KubernetesTokenConsumers(KubernetesClient client, int pageSize) {
    this.client = client;
    this.pageSize = pageSize;
  }

  @Override
  public List<TokenConsumer> find(String namespace, String secret, String tokenKey) {
    Map<String, Optional<Workload>> deployments = new HashMap<>();
    boolean[] listed = {false};
    List<TokenConsumer> consumers = new ArrayList<>();
    Optional<String> next = Optional.empty();
    do {
      PodPage page = podPage(namespace, next);
      for (Map<String, Object> pod : page.pods()) {
        consumers.addAll(
            PodConsumers.of(
                pod,
                secret,
                tokenKey,
                replicaSet -> {
                  // One list of the namespace's ReplicaSets, and only when a consumer has one.
                  if (!listed[0]) {
                    deployments.putAll(deploymentsByReplicaSet(namespace));
                    listed[0] = true;
                  }
                  return deployments.getOrDefault(replicaSet, Optional.empty());
                }));
      }
      next = page.next();
    } while (next.isPresent());
    return consumers;
  }

  /** One page of a namespace's pods, and the continue token of the next while more remain. */
  private record PodPage(List<Map<String, Object>> pods, Optional<String> next) {}

  private PodPage podPage(String namespace, Optional<String> continueToken) {
    String path =
        "/api/v1/namespaces/"
            + OpenBaoPaths.encodeSegment(namespace)
            + "/pods?limit="
            + pageSize
            + continueToken
                .map(token -> "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .orElse("");
    // fabric8's raw GET: its credentials, interceptors (the request counter) and errors.
    String body = client.raw(path);
    if (body == null) {
      return new PodPage(List.of(), Optional.empty());
    }
    PodList list;
    try {
      list = JSON.readValue(body, PodList.class);
    } catch (JsonProcessingException unreadable) {
      // Named by what was read, never quoted: a pod's spec may hold secret values.
      throw new KubernetesClientException(
          "The pod list of namespace " + namespace + " is not JSON a pod list is made of.");
    }
    return new PodPage(
        list.items() == null ? List.of() : list.items(),
        Optional.ofNullable(list.metadata())
            .map(ListMeta::continueToken)
            .filter(token -> !token.isEmpty()));
  }

  /** The parts of a pod list read here: the pods as maps, and the list's continue token. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record PodList(List<Map<String, Object>> items, ListMeta metadata) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record ListMeta(@JsonProperty("continue") String continueToken) {}

  @Override
  public void restart(String namespace, Workload workload, String backend, Instant at) {
    // A merge patch of just the annotation, sent as an item: given the patch as text, fabric8
    // reads the workload first.
    ObjectMeta metadata =
        new ObjectMetaBuilder().withName(workload.name()).withNamespace(namespace).build();
    PodTemplateSpec template =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .addToAnnotations(RESTARTED_AT, Rfc3339.format(at))
            .endMetadata()
            .build();
    HasMetadata restarted =
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
          case Workload.DAEMON_SET ->
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
          default ->
              throw new IllegalArgumentException(workload + " cannot be restarted by a rollout.");
        };
    recordOn(restarted, backend, at);
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
    for (ReplicaSet replicaSet :
        client.apps().replicaSets().inNamespace(namespace).list().getItems()) {
      owners.put(
          replicaSet.getMetadata().getName(),
          replicaSet.getMetadata().getOwnerReferences().stream()
              .filter(owner -> Boolean.TRUE.equals(owner.getController()))
              .filter(owner -> Workload.DEPLOYMENT.equals(owner.getKind()))
              .map(OwnerReference::getName)
              .map(name -> new Workload(Workload.DEPLOYMENT, name))
              .findFirst());
    }
    return owners;
  }
}
