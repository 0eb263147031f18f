package io.mcpctl.cli.rotate;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.cli.common.KubernetesErrors;
import io.mcpctl.cli.common.RelativeTime;
import io.mcpctl.time.HumanDuration;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Waits, through a watch, until the operator records each request in {@code handledRotateRequest},
 * and prints each outcome: the new timestamps, or the error.
 */
final class RotationWaiter {

  private final KubernetesClient client;
  private final Clock clock;

  RotationWaiter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Returns how many requests failed or were not acted on in time. */
  int await(
      List<RotationRequest> requests,
      Duration timeout,
      PrintWriter out,
      Function<SecretBackend, String> label) {
    List<CompletableFuture<List<SecretBackend>>> handled = new ArrayList<>();
    for (RotationRequest request : requests) {
      handled.add(
          client
              .resources(SecretBackend.class)
              .inNamespace(request.backend().getMetadata().getNamespace())
              .withName(request.backend().getMetadata().getName())
              .informOnCondition(found -> found.isEmpty() || isHandled(found.get(0), request)));
    }
    // The deadline is wall time: the watch runs in real time whatever clock the output uses.
    long deadline = System.nanoTime() + timeout.toNanos();
    int failed = 0;
    for (int i = 0; i < requests.size(); i++) {
      RotationRequest request = requests.get(i);
      String outcome;
      try {
        List<SecretBackend> found =
            handled.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        Optional<String> failure =
            found.isEmpty() ? Optional.of("deleted while waiting") : failure(found.get(0));
        outcome =
            failure
                .map(reason -> label.apply(request.backend()) + " rotation failed: " + reason)
                .orElseGet(
                    () -> label.apply(request.backend()) + " rotated: " + success(found.get(0)));
        if (failure.isPresent()) {
          failed++;
        }
      } catch (TimeoutException e) {
        failed++;
        outcome =
            label.apply(request.backend())
                + ": the operator did not act on the request within "
                + HumanDuration.of(timeout)
                + latest(request)
                    .waitsFor()
                    .map(wait -> ": " + wait + " Wait longer with --timeout.")
                    .orElse(
                        "; check that the operator is running (kubectl mcpctl describe"
                            + " secretbackend "
                            + request.backend().getMetadata().getName()
                            + " shows its last status), or wait longer with --timeout");
      } catch (ExecutionException e) {
        failed++;
        outcome =
            label.apply(request.backend())
                + ": watching for the outcome failed ("
                + watchFailure(e.getCause())
                + "); check with 'kubectl mcpctl describe secretbackend "
                + request.backend().getMetadata().getName()
                + "'";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the operator.", e);
      } finally {
        handled.get(i).cancel(true);
      }
      out.println(outcome);
      out.flush();
    }
    handled.forEach(future -> future.cancel(true));
    return failed;
  }

  /** The request with the backend as it is now: the operator may have said why it waits. */
  private RotationRequest latest(RotationRequest request) {
    try {
      SecretBackend now =
          client
              .resources(SecretBackend.class)
              .inNamespace(request.backend().getMetadata().getNamespace())
              .withName(request.backend().getMetadata().getName())
              .get();
      return now == null
          ? request
          : new RotationRequest(now, request.value(), request.revokePrevious());
    } catch (KubernetesClientException unreadable) {
      return request;
    }
  }

  private static boolean isHandled(SecretBackend backend, RotationRequest request) {
    return request.value().equals(meta(backend).getHandledRotateRequest());
  }

  private static Optional<String> failure(SecretBackend backend) {
    TokenMeta meta = meta(backend);
    String error = meta.getLastRotationError();
    if (error == null || error.isBlank()) {
      return Optional.empty();
    }
    int failures = meta.getConsecutiveFailures() == null ? 1 : meta.getConsecutiveFailures();
    // Ready tells whether OpenBao still accepts the current token; without it nothing is claimed.
    boolean currentWorks =
        Optional.ofNullable(backend.getStatus())
            .flatMap(status -> status.condition(ReadyReasons.CONDITION_TYPE))
            .filter(ready -> "True".equals(ready.getStatus()))
            .isPresent();
    return Optional.of(
        error.strip()
            + " ("
            + failures
            + (failures == 1 ? " failure" : " failures in a row")
            + (currentWorks ? "; the current token still works)" : ")"));
  }

  private String success(SecretBackend backend) {
    TokenMeta meta = meta(backend);
    Instant now = clock.instant();
    return "new token generated "
        + RelativeTime.withTimestamp(meta.getGeneratedAt(), now)
        + ", next rotation "
        + RelativeTime.withTimestamp(meta.getNextRotationAt(), now)
        + ", expires "
        + RelativeTime.withTimestamp(meta.getExpiresAt(), now);
  }

  private static TokenMeta meta(SecretBackend backend) {
    return backend.getStatus() == null || backend.getStatus().getTokenMeta() == null
        ? new TokenMeta()
        : backend.getStatus().getTokenMeta();
  }

  /** Why the watch failed, in words that quote none of the server's answer. */
  private static String watchFailure(Throwable cause) {
    return cause instanceof KubernetesClientException kubernetes
        ? KubernetesErrors.detail(kubernetes)
        : cause.getClass().getSimpleName();
  }
}
