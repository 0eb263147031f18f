package io.mcpctl.consumer;

import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which containers of a pod read the token Secret, and how: environment variables ({@code
 * env[].valueFrom.secretKeyRef} on the token key, {@code envFrom[].secretRef}), or a {@code secret}
 * or {@code projected} volume mounted whole or with {@code subPath}, in containers and init
 * containers. Read from the pod's JSON as plain maps, so that the plugin need not bind the typed
 * Pod model (hundreds of milliseconds on a cold start).
 */
public final class PodConsumers {

  /** A DNS-1123 subdomain, what the API server takes as an object's name. */
  private static final Pattern OBJECT_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final int MAX_NAME_LENGTH = 253;

  /** A kind as the API names one, such as Deployment or CronJob. */
  private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,62}");

  /** The kinds of group apps that owners name: the workloads and the ReplicaSet. */
  private static final Set<String> APPS_KINDS =
      Set.of(Workload.DEPLOYMENT, Workload.STATEFUL_SET, Workload.DAEMON_SET, Workload.REPLICA_SET);

  /** Marks an application that reads its mounted token once, at start. */
  public static final String TOKEN_READ_ANNOTATION = "mcpctl.io/token-read";

  private PodConsumers() {}

  /**
   * @param pod the pod as JSON maps ({@code metadata}, {@code spec}, {@code status})
   * @param ownerOfReplicaSet the owner of a ReplicaSet by name (its Deployment), if any
   */
  public static List<TokenConsumer> of(
      Map<String, Object> pod,
      String secret,
      String tokenKey,
      Function<String, Optional<Workload>> ownerOfReplicaSet) {
    Map<String, Object> metadata = map(pod.get("metadata"));
    Map<String, Object> spec = map(pod.get("spec"));
    Map<String, Object> status = map(pod.get("status"));
    boolean readsOnce =
        "once".equals(string(map(metadata.get("annotations")).get(TOKEN_READ_ANNOTATION)));
    Set<String> tokenVolumes = tokenVolumes(list(spec.get("volumes")), secret, tokenKey);
    Optional<Instant> podStarted = Rfc3339.parse(string(status.get("startTime")));
    Workload workload = workload(list(metadata.get("ownerReferences")), ownerOfReplicaSet);
    List<TokenConsumer> consumers = new ArrayList<>();
    for (String field : List.of("initContainers", "containers")) {
      for (Object item : list(spec.get(field))) {
        Map<String, Object> container = map(item);
        String name = string(container.get("name"));
        boolean finishesAtStart =
            field.equals("initContainers")
                && !"Always".equals(string(container.get("restartPolicy")));
        readMode(container, secret, tokenKey, tokenVolumes, readsOnce)
            .ifPresent(
                mode ->
                    consumers.add(
                        new TokenConsumer(
                            string(metadata.get("name")),
                            name,
                            mode,
                            workload,
                            containerStarted(status, name).or(() -> podStarted),
                            finishesAtStart)));
      }
    }
    return consumers;
  }

  private static Optional<ReadMode> readMode(
      Map<String, Object> container,
      String secret,
      String tokenKey,
      Set<String> tokenVolumes,
      boolean readsOnce) {
    for (Object item : list(container.get("env"))) {
      Map<String, Object> ref = map(map(map(item).get("valueFrom")).get("secretKeyRef"));
      if (secret.equals(string(ref.get("name"))) && tokenKey.equals(string(ref.get("key")))) {
        return Optional.of(ReadMode.ENV);
      }
    }
    for (Object item : list(container.get("envFrom"))) {
      if (secret.equals(string(map(map(item).get("secretRef")).get("name")))) {
        return Optional.of(ReadMode.ENV);
      }
    }
    Optional<ReadMode> mounted = Optional.empty();
    for (Object item : list(container.get("volumeMounts"))) {
      Map<String, Object> mount = map(item);
      if (tokenVolumes.contains(string(mount.get("name")))) {
        if (!string(mount.get("subPath")).isEmpty()
            || !string(mount.get("subPathExpr")).isEmpty()) {
          return Optional.of(ReadMode.SUBPATH);
        }
        mounted = Optional.of(readsOnce ? ReadMode.READ_ONCE : ReadMode.VOLUME);
      }
    }
    return mounted;
  }

  /** Volumes that carry the token key: a secret volume or a projected volume's secret source. */
  private static Set<String> tokenVolumes(List<Object> volumes, String secret, String tokenKey) {
    Set<String> names = new LinkedHashSet<>();
    for (Object item : volumes) {
      Map<String, Object> volume = map(item);
      Map<String, Object> secretVolume = map(volume.get("secret"));
      boolean carries =
          secret.equals(string(secretVolume.get("secretName")))
              && selectsKey(list(secretVolume.get("items")), tokenKey);
      for (Object source : list(map(volume.get("projected")).get("sources"))) {
        Map<String, Object> projected = map(map(source).get("secret"));
        carries |=
            secret.equals(string(projected.get("name")))
                && selectsKey(list(projected.get("items")), tokenKey);
      }
      if (carries) {
        names.add(string(volume.get("name")));
      }
    }
    return names;
  }

  /** Without {@code items} every key is a file; with them, only the keys they list. */
  private static boolean selectsKey(List<Object> items, String tokenKey) {
    return items.isEmpty()
        || items.stream().anyMatch(item -> tokenKey.equals(string(map(item).get("key"))));
  }

  /**
   * Whether the pods {@code workload}'s pod template makes hold the token until they restart: a
   * container that keeps running and reads the token only at start. Anyone who may create a pod may
   * name any workload as its owner, so a pod's claim alone never earns its workload a restart.
   *
   * @param workload a Deployment, StatefulSet or DaemonSet as JSON maps
   */
  public static boolean templateHoldsToken(
      Map<String, Object> workload, String secret, String tokenKey) {
    Map<String, Object> template = map(map(workload.get("spec")).get("template"));
    Map<String, Object> pod =
        Map.of("metadata", map(template.get("metadata")), "spec", map(template.get("spec")));
    return of(pod, secret, tokenKey, replicaSet -> Optional.empty()).stream()
        .anyMatch(consumer -> !consumer.finishesAtStart() && !consumer.mode().refreshesItself());
  }

  /**
   * The Deployment that controls a ReplicaSet, given as JSON maps: what a consumer owned by that
   * ReplicaSet is restarted through.
   */
  public static Optional<Workload> deploymentOf(Map<String, Object> replicaSet) {
    for (Object item : list(map(replicaSet.get("metadata")).get("ownerReferences"))) {
      Map<String, Object> owner = map(item);
      if (Boolean.TRUE.equals(owner.get("controller"))) {
        Workload workload = owner(owner);
        return workload.kind().equals(Workload.DEPLOYMENT)
            ? Optional.of(workload)
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Workload workload(
      List<Object> ownerReferences, Function<String, Optional<Workload>> ownerOfReplicaSet) {
    for (Object item : ownerReferences) {
      Map<String, Object> owner = map(item);
      if (!Boolean.TRUE.equals(owner.get("controller"))) {
        continue;
      }
      Workload workload = owner(owner);
      if (workload.kind().equals(Workload.REPLICA_SET)) {
        return ownerOfReplicaSet.apply(workload.name()).orElse(workload);
      }
      return workload;
    }
    return Workload.none();
  }

  /**
   * The workload an owner reference names, as written by whoever made the object: the API server
   * checks neither that the owner exists nor its name, so only an {@code apps/v1} owner with a
   * valid object name counts as one of the workloads the operator knows.
   */
  private static Workload owner(Map<String, Object> reference) {
    String kind = string(reference.get("kind"));
    String name = string(reference.get("name"));
    if (!KIND.matcher(kind).matches()
        || name.length() > MAX_NAME_LENGTH
        || !OBJECT_NAME.matcher(name).matches()
        || APPS_KINDS.contains(kind) && !"apps/v1".equals(reference.get("apiVersion"))) {
      return Workload.unrecognized();
    }
    return new Workload(kind, name);
  }

  private static Optional<Instant> containerStarted(Map<String, Object> status, String name) {
    for (String field : List.of("containerStatuses", "initContainerStatuses")) {
      for (Object item : list(status.get(field))) {
        Map<String, Object> containerStatus = map(item);
        if (name.equals(containerStatus.get("name"))) {
          Map<String, Object> state = map(containerStatus.get("state"));
          Optional<Instant> started =
              Rfc3339.parse(string(map(state.get("running")).get("startedAt")))
                  .or(() -> Rfc3339.parse(string(map(state.get("terminated")).get("startedAt"))));
          if (started.isPresent()) {
            return started;
          }
        }
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> found ? (Map<String, Object>) found : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value instanceof List<?> found ? (List<Object>) found : List.of();
  }

  static String string(Object value) {
    return value == null ? "" : value.toString();
  }
}
