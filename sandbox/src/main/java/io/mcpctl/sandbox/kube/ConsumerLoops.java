package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The applications inside emulated pods that use an OpenBao token from a Secret: each container
 * that reads a Secret key (env, envFrom, a secret volume whole or with {@code subPath}) and sets
 * {@code BAO_ADDR} to a plain value looks its token up there every {@code interval} and counts the
 * answers. Env, subPath and {@code mcpctl.io/token-read: once} readers keep the value the Secret
 * had when the pod started; volume readers see a new value only once it has been in the Secret for
 * {@code kubeletDelay} (a real kubelet: its sync period, a minute by default, plus the Secret
 * cache's propagation). Counts outlive the pods, so that a demo can sum a workload's failures
 * across restarts. No token value is ever logged.
 */
public final class ConsumerLoops implements AutoCloseable {

  /** How often a consumer calls OpenBao, and how late a volume sees a changed Secret. */
  public record Settings(Duration interval, Duration kubeletDelay) {
    public static Settings defaults() {
      return new Settings(Duration.ofMillis(300), Duration.ofSeconds(2));
    }
  }

  /**
   * What one consumer container saw.
   *
   * @param readsBy env, subPath, volume or read-once
   * @param workload {@code Kind/name}, or {@code Pod/name} for a bare pod
   * @param rejected answers saying the token is not valid (403): what a rotation must never cause
   * @param unavailable other failures (a sealed or unreachable OpenBao), which no rotation causes
   */
  public record Counts(
      String namespace,
      String workload,
      String pod,
      String container,
      String readsBy,
      long requests,
      long rejected,
      long unavailable) {}

  private record Reading(String secret, String key, String readsBy, boolean capturesAtStart) {}

  private record Version(Instant since, Map<String, String> data) {}

  private final Settings settings;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService timer =
      Executors.newScheduledThreadPool(
          2,
          runnable -> {
            Thread thread = new Thread(runnable, "emulated-consumer");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Deque<Version>> secrets = new ConcurrentHashMap<>();
  private final Map<String, List<ScheduledFuture<?>>> running = new ConcurrentHashMap<>();
  private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

  ConsumerLoops(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Every consumer seen so far, live or gone. */
  public List<Counts> counts() {
    return tallies.values().stream().map(Tally::counts).toList();
  }

  void secretChanged(ObjectNode secret) {
    Map<String, String> data = new java.util.HashMap<>();
    secret
        .path("data")
        .fields()
        .forEachRemaining(
            field ->
                data.put(
                    field.getKey(),
                    new String(
                        Base64.getDecoder().decode(field.getValue().asText()),
                        StandardCharsets.UTF_8)));
    Deque<Version> versions =
        secrets.computeIfAbsent(
            key(secret, secret.path("metadata").path("name").asText()),
            unused -> new ArrayDeque<>());
    synchronized (versions) {
      versions.addLast(new Version(clock.instant(), Map.copyOf(data)));
      while (versions.size() > 20) {
        versions.removeFirst();
      }
    }
  }

  void start(ObjectNode pod) {
    Optional<String> address = baoAddress(pod);
    if (address.isEmpty()) {
      return;
    }
    List<ScheduledFuture<?>> loops = new ArrayList<>();
    String namespace = pod.path("metadata").path("namespace").asText();
    for (JsonNode container : pod.path("spec").path("containers")) {
      for (Reading reading : readings(pod, container)) {
        Optional<String> captured =
            reading.capturesAtStart() ? valueNow(namespace, reading) : Optional.empty();
        Tally tally =
            tallies.computeIfAbsent(
                podKey(pod) + "/" + container.path("name").asText(),
                unused ->
                    new Tally(
                        namespace,
                        pod.path("metadata")
                            .path("annotations")
                            .path(WorkloadEmulation.WORKLOAD_ANNOTATION)
                            .asText("Pod/" + pod.path("metadata").path("name").asText()),
                        pod.path("metadata").path("name").asText(),
                        container.path("name").asText(),
                        reading.readsBy()));
        URI lookup = URI.create(address.get().replaceAll("/+$", "") + "/v1/auth/token/lookup-self");
        loops.add(
            timer.scheduleWithFixedDelay(
                () ->
                    (reading.capturesAtStart()
                            ? captured
                            : valueAfterKubeletDelay(namespace, reading))
                        .ifPresent(token -> call(lookup, token, tally)),
                0,
                settings.interval().toMillis(),
                TimeUnit.MILLISECONDS));
        break;
      }
    }
    running.put(podKey(pod), loops);
  }

  void stop(ObjectNode pod) {
    List<ScheduledFuture<?>> loops = running.remove(podKey(pod));
    if (loops != null) {
      loops.forEach(loop -> loop.cancel(false));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private void call(URI lookup, String token, Tally tally) {
    try {
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(lookup)
                  .timeout(Duration.ofSeconds(2))
                  .header("X-Vault-Token", token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      tally.answered(answer.statusCode());
    } catch (java.io.IOException unreachable) {
      tally.answered(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How the container reads a Secret key: env first, then a volume mount. */
  private static List<Reading> readings(ObjectNode pod, JsonNode container) {
    boolean once =
        "once"
            .equals(pod.path("metadata").path("annotations").path("mcpctl.io/token-read").asText());
    List<Reading> readings = new ArrayList<>();
    for (JsonNode env : container.path("env")) {
      JsonNode ref = env.path("valueFrom").path("secretKeyRef");
      if (ref.isObject()) {
        readings.add(new Reading(ref.path("name").asText(), ref.path("key").asText(), "env", true));
      }
    }
    for (JsonNode source : container.path("envFrom")) {
      if (source.path("secretRef").isObject()) {
        readings.add(
            new Reading(source.path("secretRef").path("name").asText(), "token", "env", true));
      }
    }
    for (JsonNode mount : container.path("volumeMounts")) {
      for (JsonNode volume : pod.path("spec").path("volumes")) {
        if (volume.path("name").asText().equals(mount.path("name").asText())
            && volume.path("secret").isObject()) {
          String subPath = mount.path("subPath").asText("");
          String secret = volume.path("secret").path("secretName").asText();
          if (!subPath.isEmpty()) {
            readings.add(new Reading(secret, subPath, "subPath", true));
          } else {
            readings.add(new Reading(secret, "token", once ? "read-once" : "volume", once));
          }
        }
      }
    }
    return readings;
  }

  private static Optional<String> baoAddress(ObjectNode pod) {
    for (JsonNode container : pod.path("spec").path("containers")) {
      for (JsonNode env : container.path("env")) {
        if (env.path("name").asText().equals("BAO_ADDR") && env.has("value")) {
          return Optional.of(env.path("value").asText());
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> valueNow(String namespace, Reading reading) {
    return versions(namespace, reading)
        .flatMap(
            versions -> {
              synchronized (versions) {
                return Optional.ofNullable(versions.peekLast())
                    .map(version -> version.data().get(reading.key()));
              }
            });
  }

  /**
   * The newest value that has been in the Secret for the kubelet's delay, else the oldest known.
   */
  private Optional<String> valueAfterKubeletDelay(String namespace, Reading reading) {
    Instant visibleBefore = clock.instant().minus(settings.kubeletDelay());
    return versions(namespace, reading)
        .flatMap(
            versions -> {
              synchronized (versions) {
                Version seen = versions.peekFirst();
                for (Version version : versions) {
                  if (!version.since().isAfter(visibleBefore)) {
                    seen = version;
                  }
                }
                return Optional.ofNullable(seen).map(version -> version.data().get(reading.key()));
              }
            });
  }

  private Optional<Deque<Version>> versions(String namespace, Reading reading) {
    return Optional.ofNullable(secrets.get(namespace + "/" + reading.secret()));
  }

  private static String key(ObjectNode object, String name) {
    return object.path("metadata").path("namespace").asText() + "/" + name;
  }

  private static String podKey(ObjectNode pod) {
    return key(pod, pod.path("metadata").path("name").asText());
  }

  /** One consumer's answers, counted as they come. */
  private static final class Tally {
    private final String namespace;
    private final String workload;
    private final String pod;
    private final String container;
    private final String readsBy;
    private long requests;
    private long rejected;
    private long unavailable;

    Tally(String namespace, String workload, String pod, String container, String readsBy) {
      this.namespace = namespace;
      this.workload = workload;
      this.pod = pod;
      this.container = container;
      this.readsBy = readsBy;
    }

    synchronized void answered(int status) {
      requests++;
      if (status == 403) {
        rejected++;
      } else if (status != 200) {
        unavailable++;
      }
    }

    synchronized Counts counts() {
      return new Counts(
          namespace, workload, pod, container, readsBy, requests, rejected, unavailable);
    }
  }
}
