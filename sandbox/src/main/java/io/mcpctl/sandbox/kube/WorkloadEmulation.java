package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.time.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the controllers the embedded API lacks, labelled as such on everything it makes
 * ({@value #EMULATED_LABEL}): a Deployment gets a ReplicaSet per pod template and that ReplicaSet's
 * pods, a StatefulSet its ordinal pods, a DaemonSet one pod (one emulated node); a changed pod
 * template (as {@code kubectl rollout restart} makes) replaces the pods at once, with no surge.
 * Pods are Running from the moment they are made, with their start time set, and the ones that read
 * a token run a consumer loop ({@link ConsumerLoops}). Jobs and bare pods are left alone. Changes
 * are handled one at a time on one thread, after the write that caused them.
 */
final class WorkloadEmulation implements AutoCloseable {

  static final String EMULATED_LABEL = "sandbox.mcpctl.io/emulated";
  static final String WORKLOAD_ANNOTATION = "sandbox.mcpctl.io/workload";
  private static final String TEMPLATE_HASH_ANNOTATION = "sandbox.mcpctl.io/template-hash";
  private static final Set<String> WORKLOADS = Set.of("deployments", "statefulsets", "daemonsets");
  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private static final Logger LOG = LoggerFactory.getLogger(WorkloadEmulation.class);

  private final EmbeddedApiDispatcher api;
  private final Clock clock;
  private final ConsumerLoops consumers;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "workload-emulation");
            thread.setDaemon(true);
            return thread;
          });
  private final SecureRandom random = new SecureRandom();
  private final WatchHub.Subscription subscription;

  WorkloadEmulation(EmbeddedApiDispatcher api, Clock clock, ConsumerLoops consumers) {
    this.api = api;
    this.clock = clock;
    this.consumers = consumers;
    try {
      this.subscription =
          api.store()
              .changes()
              .subscribe(Optional.empty(), WorkloadEmulation::concerns, this::later);
    } catch (WatchHub.TooOld impossible) {
      throw new IllegalStateException("A subscription from now cannot be too old", impossible);
    }
  }

  List<ConsumerLoops.Counts> consumers() {
    return consumers.counts();
  }

  /** Waits until every change seen so far has been handled, for tests. */
  void awaitIdle() {
    try {
      worker.submit(() -> {}).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("The workload emulation did not settle", e);
    }
  }

  @Override
  public void close() {
    subscription.close();
    worker.shutdownNow();
    consumers.close();
  }

  private static boolean concerns(WatchHub.Change change) {
    ResourcePath collection = change.collection();
    return collection.group().equals("apps") && WORKLOADS.contains(collection.plural())
        || collection.group().isEmpty()
            && (collection.plural().equals("pods") || collection.plural().equals("secrets"));
  }

  /** Store changes arrive under the store's locks; they are handled after it. */
  private void later(WatchHub.Change change) {
    worker.execute(
        () -> {
          try {
            handle(change);
          } catch (RuntimeException | Error failure) {
            LOG.warn(
                "The workload emulation could not handle a change of {}",
                change.collection(),
                failure);
          }
        });
  }

  private void handle(WatchHub.Change change) {
    String plural = change.collection().plural();
    ObjectNode object = change.object();
    if (plural.equals("secrets")) {
      if (!change.type().equals("DELETED")) {
        consumers.secretChanged(object);
      }
      return;
    }
    if (plural.equals("pods")) {
      if (!"true".equals(object.path("metadata").path("labels").path(EMULATED_LABEL).asText())) {
        return;
      }
      if (change.type().equals("DELETED")) {
        consumers.stop(object);
      } else if (change.type().equals("ADDED")) {
        consumers.start(object);
      }
      return;
    }
    if (change.type().equals("DELETED")) {
      return;
    }
    switch (plural) {
      case "deployments" -> deployment(object);
      case "statefulsets" -> podsOf(object, "StatefulSet", replicas(object), true);
      default -> podsOf(object, "DaemonSet", 1, false);
    }
  }

  private void deployment(ObjectNode deployment) {
    String namespace = namespace(deployment);
    String hash = templateHash(deployment);
    String replicaSetName = name(deployment) + "-" + hash;
    List<ObjectNode> replicaSets = owned(namespace, "apps", "replicasets", deployment);
    boolean current = false;
    for (ObjectNode replicaSet : replicaSets) {
      if (name(replicaSet).equals(replicaSetName)) {
        current = true;
      } else {
        // The old ReplicaSet goes, and its pods with it (owner references).
        api.deleteInternally(objectPath("apps/v1", namespace, "replicasets", name(replicaSet)));
      }
    }
    if (current) {
      return;
    }
    ObjectNode replicaSet = Json.object().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
    ObjectNode metadata = replicaSet.putObject("metadata").put("name", replicaSetName);
    metadata.set(
        "labels",
        templateLabels(deployment).put("pod-template-hash", hash).put(EMULATED_LABEL, "true"));
    metadata.putArray("ownerReferences").add(ownerReference(deployment, "apps/v1", "Deployment"));
    ObjectNode spec = replicaSet.putObject("spec").put("replicas", replicas(deployment));
    spec.set("selector", deployment.path("spec").path("selector").deepCopy());
    spec.set("template", deployment.path("spec").path("template").deepCopy());
    api.createInternally(collectionPath("apps/v1", namespace, "replicasets"), replicaSet);
    ObjectNode created =
        api.store()
            .get(
                ResourcePath.parse(objectPath("apps/v1", namespace, "replicasets", replicaSetName))
                    .orElseThrow())
            .orElseThrow();
    for (int i = 0; i < replicas(deployment); i++) {
      createPod(
          deployment,
          created,
          "ReplicaSet",
          replicaSetName + "-" + randomSuffix(),
          hash,
          "Deployment/" + name(deployment));
    }
  }

  private void podsOf(ObjectNode workload, String kind, int count, boolean ordinal) {
    String namespace = namespace(workload);
    String hash = templateHash(workload);
    List<ObjectNode> pods = owned(namespace, "", "pods", workload);
    boolean stale =
        pods.stream()
            .anyMatch(
                pod ->
                    !hash.equals(
                        pod.path("metadata")
                            .path("annotations")
                            .path(TEMPLATE_HASH_ANNOTATION)
                            .asText()));
    if (stale) {
      for (ObjectNode pod : pods) {
        api.deleteInternally(objectPath("v1", namespace, "pods", name(pod)));
      }
      pods = List.of();
    }
    for (int i = pods.size(); i < count; i++) {
      String podName = ordinal ? name(workload) + "-" + i : name(workload) + "-" + randomSuffix();
      createPod(workload, workload, kind, podName, hash, kind + "/" + name(workload));
    }
  }

  private void createPod(
      ObjectNode workload,
      ObjectNode owner,
      String ownerKind,
      String name,
      String hash,
      String shownAs) {
    String namespace = namespace(workload);
    JsonNode template = workload.path("spec").path("template");
    ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode metadata = pod.putObject("metadata").put("name", name);
    metadata.set("labels", templateLabels(workload).put(EMULATED_LABEL, "true"));
    ObjectNode annotations =
        template.path("metadata").path("annotations").isObject()
            ? ((ObjectNode) template.path("metadata").path("annotations")).deepCopy()
            : Json.object();
    metadata.set(
        "annotations",
        annotations.put(TEMPLATE_HASH_ANNOTATION, hash).put(WORKLOAD_ANNOTATION, shownAs));
    metadata
        .putArray("ownerReferences")
        .add(ownerReference(owner, owner.path("apiVersion").asText(), ownerKind));
    pod.set("spec", template.path("spec").deepCopy());
    api.createInternally(collectionPath("v1", namespace, "pods"), pod);
    String podPath = objectPath("v1", namespace, "pods", name);
    ObjectNode stored = api.store().get(ResourcePath.parse(podPath).orElseThrow()).orElseThrow();
    String now = Rfc3339.format(clock.instant());
    ObjectNode status = stored.putObject("status").put("phase", "Running").put("startTime", now);
    ArrayNode containerStatuses = status.putArray("containerStatuses");
    for (JsonNode container : stored.path("spec").path("containers")) {
      ObjectNode containerStatus =
          containerStatuses
              .addObject()
              .put("name", container.path("name").asText())
              .put("ready", true);
      containerStatus.putObject("state").putObject("running").put("startedAt", now);
    }
    api.replaceStatusInternally(podPath, stored);
  }

  private List<ObjectNode> owned(String namespace, String group, String plural, ObjectNode owner) {
    String uid = owner.path("metadata").path("uid").asText();
    ResourcePath collection = new ResourcePath(group, "v1", namespace, plural, null, null);
    return api.store().list(collection, null).items().stream()
        .filter(
            candidate -> {
              for (JsonNode reference : candidate.path("metadata").path("ownerReferences")) {
                if (uid.equals(reference.path("uid").asText())) {
                  return true;
                }
              }
              return false;
            })
        .toList();
  }

  private static ObjectNode ownerReference(ObjectNode owner, String apiVersion, String kind) {
    return Json.object()
        .put("apiVersion", apiVersion)
        .put("kind", kind)
        .put("name", name(owner))
        .put("uid", owner.path("metadata").path("uid").asText())
        .put("controller", true)
        .put("blockOwnerDeletion", true);
  }

  private static ObjectNode templateLabels(ObjectNode workload) {
    JsonNode labels = workload.path("spec").path("template").path("metadata").path("labels");
    return labels.isObject() ? ((ObjectNode) labels).deepCopy() : Json.object();
  }

  private static String templateHash(ObjectNode workload) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  Json.write(workload.path("spec").path("template"))
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static int replicas(ObjectNode workload) {
    return workload.path("spec").path("replicas").asInt(1);
  }

  private String randomSuffix() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
    }
    return suffix.toString();
  }

  private static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  private static String namespace(JsonNode object) {
    return object.path("metadata").path("namespace").asText();
  }

  private static String collectionPath(String apiVersion, String namespace, String plural) {
    String prefix = apiVersion.equals("v1") ? "/api/v1" : "/apis/" + apiVersion;
    return prefix + "/namespaces/" + namespace + "/" + plural;
  }

  private static String objectPath(
      String apiVersion, String namespace, String plural, String name) {
    return collectionPath(apiVersion, namespace, plural) + "/" + name;
  }
}
