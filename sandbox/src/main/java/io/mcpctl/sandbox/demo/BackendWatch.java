package io.mcpctl.sandbox.demo;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.time.GoDuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Watches one SecretBackend's status while the operator works on it, so a step can wait for what it
 * expects, with a deadline and a progress line every few seconds.
 */
final class BackendWatch implements AutoCloseable {

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final Transcript transcript;
  private final String namespace;
  private final String name;

  BackendWatch(Path kubeconfig, Transcript transcript, String namespace, String name) {
    try {
      this.client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + kubeconfig, e);
    }
    this.transcript = transcript;
    this.namespace = namespace;
    this.name = name;
  }

  KubernetesClient client() {
    return client;
  }

  /** The reasons of the events about this backend so far. */
  List<String> eventReasons() {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> event.getInvolvedObject() != null)
        .filter(event -> name.equals(event.getInvolvedObject().getName()))
        .map(io.fabric8.kubernetes.api.model.Event::getReason)
        .toList();
  }

  /** The backend now; fails the step when it does not exist. */
  SecretBackend current() {
    SecretBackend backend = resource().get();
    if (backend == null) {
      throw new StepFailed("SecretBackend " + namespace + "/" + name + " does not exist.");
    }
    return backend;
  }

  /**
   * Waits until the backend satisfies {@code condition}, printing its state every few seconds.
   *
   * @param what what is awaited, e.g. "the scheduled rotation"
   * @throws StepFailed when the deadline passes first, with the last state seen
   */
  SecretBackend await(String what, Duration timeout, Predicate<SecretBackend> condition) {
    Instant started = Instant.now();
    Instant deadline = started.plus(timeout);
    CompletableFuture<List<SecretBackend>> met =
        resource().informOnCondition(found -> found.size() == 1 && condition.test(found.get(0)));
    try {
      while (true) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
          throw new StepFailed(
              "Waited "
                  + GoDuration.format(timeout)
                  + " for "
                  + what
                  + " in vain; the backend shows "
                  + summary(resource().get())
                  + ".");
        }
        Duration wait = left.compareTo(PROGRESS_EVERY) < 0 ? left : PROGRESS_EVERY;
        try {
          return met.get(wait.toMillis(), TimeUnit.MILLISECONDS).get(0);
        } catch (TimeoutException notYet) {
          transcript.note(
              "  ... "
                  + Duration.between(started, Instant.now()).toSeconds()
                  + "s: "
                  + summary(resource().get()));
        }
      }
    } catch (ExecutionException e) {
      throw new StepFailed(
          "Watching SecretBackend " + name + " failed: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailed("Interrupted while waiting for " + what + ".");
    } finally {
      met.cancel(true);
    }
  }

  /** Ready's status and reason, the health and the last rotation, e.g. for progress lines. */
  static String summary(SecretBackend backend) {
    if (backend == null) {
      return "no such SecretBackend";
    }
    String ready =
        ready(backend)
            .map(condition -> "Ready=" + condition.getStatus() + " (" + condition.getReason() + ")")
            .orElse("no Ready condition yet");
    TokenMeta meta = tokenMeta(backend);
    return ready
        + ", health "
        + Optional.ofNullable(meta.getHealth()).map(Object::toString).orElse("unknown")
        + ", last rotation "
        + Optional.ofNullable(meta.getLastRotationAt()).orElse("none");
  }

  static Optional<Condition> ready(SecretBackend backend) {
    if (backend.getStatus() == null || backend.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return backend.getStatus().getConditions().stream()
        .filter(condition -> ReadyReasons.CONDITION_TYPE.equals(condition.getType()))
        .findFirst();
  }

  /** Whether Ready has this status and reason. */
  static boolean readyIs(SecretBackend backend, String status, String reason) {
    return ready(backend)
        .filter(condition -> status.equals(condition.getStatus()))
        .filter(condition -> reason.equals(condition.getReason()))
        .isPresent();
  }

  /** Whether the status describes the current spec, not one from before the last change. */
  static boolean observedLatestSpec(SecretBackend backend) {
    return backend.getStatus() != null
        && backend.getStatus().getObservedGeneration() != null
        && backend
            .getStatus()
            .getObservedGeneration()
            .equals(backend.getMetadata().getGeneration());
  }

  static TokenMeta tokenMeta(SecretBackend backend) {
    return backend.getStatus() == null || backend.getStatus().getTokenMeta() == null
        ? new TokenMeta()
        : backend.getStatus().getTokenMeta();
  }

  @Override
  public void close() {
    client.close();
  }

  private Resource<SecretBackend> resource() {
    return client.resources(SecretBackend.class).inNamespace(namespace).withName(name);
  }
}
