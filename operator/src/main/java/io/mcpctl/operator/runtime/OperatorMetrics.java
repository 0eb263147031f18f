package io.mcpctl.operator.runtime;

import io.mcpctl.api.v1alpha1.TokenHealth;
import io.mcpctl.consumer.Workload;
import io.mcpctl.openbao.OpenBaoOperation;
import io.mcpctl.openbao.OpenBaoOutcome;
import io.mcpctl.openbao.RequestObserver;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The operator's Prometheus metrics (design §8). Labels carry namespaces, names, states and
 * results, never a token or an accessor.
 */
public final class OperatorMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private final Counter rotations =
      Counter.builder()
          .name("mcpctl_secretbackend_rotations_total")
          .help("Rotation attempts by result (success or failure).")
          .labelNames("result")
          .withoutExemplars()
          .register(registry);

  private final Counter consumerRestarts =
      Counter.builder()
          .name("mcpctl_secretbackend_consumer_restarts_total")
          .help(
              "Rolling restarts of workloads whose pods read the token only at start, after a"
                  + " switch (consumers.restart: Rollout), by workload kind.")
          .labelNames("namespace", "name", "kind")
          .withoutExemplars()
          .register(registry);

  private final Counter revokeFailures =
      Counter.builder()
          .name("mcpctl_secretbackend_revoke_failures_total")
          .help("Revocations of old tokens that failed and will be retried.")
          .withoutExemplars()
          .register(registry);

  private final Counter possibleOrphans =
      Counter.builder()
          .name("mcpctl_secretbackend_possible_orphan_tokens_total")
          .help(
              "Mints whose answer never arrived: OpenBao may hold a live token that no Secret"
                  + " does; find it with 'kubectl mcpctl audit tokens'.")
          .labelNames("namespace", "name")
          .withoutExemplars()
          .register(registry);

  private final Gauge expiration =
      Gauge.builder()
          .name("mcpctl_secretbackend_token_expiration_timestamp_seconds")
          .help("When the backend's current token expires unless renewed (Unix seconds).")
          .labelNames("namespace", "name")
          .withoutExemplars()
          .register(registry);

  private final Gauge lastCheck =
      Gauge.builder()
          .name("mcpctl_secretbackend_last_check_timestamp_seconds")
          .help(
              "When the backend's token was last checked with OpenBao (Unix seconds); status"
                  + " records a check only along with a change or about daily (26h).")
          .labelNames("namespace", "name")
          .withoutExemplars()
          .register(registry);

  private final Gauge lastRotation =
      Gauge.builder()
          .name("mcpctl_secretbackend_last_rotation_timestamp_seconds")
          .help("When the backend's token was last rotated (Unix seconds).")
          .labelNames("namespace", "name")
          .withoutExemplars()
          .register(registry);

  private final Gauge health =
      Gauge.builder()
          .name("mcpctl_secretbackend_health")
          .help("1 for the backend's current token health state, 0 for the others.")
          .labelNames("namespace", "name", "state")
          .withoutExemplars()
          .register(registry);

  private final Histogram reconcileDuration =
      Histogram.builder()
          .name("mcpctl_secretbackend_reconcile_duration_seconds")
          .help("Time one reconcile of a backend took, by outcome.")
          .labelNames("outcome")
          .classicUpperBounds(0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
          .withoutExemplars()
          .register(registry);

  private final Gauge consumersOnPreviousToken =
      Gauge.builder()
          .name("mcpctl_secretbackend_consumers_on_previous_token")
          .help(
              "Containers that read the backend's token only at start and still hold a previous"
                  + " one, as the last look at the pods found (at each switch and while a previous"
                  + " token is kept).")
          .labelNames("namespace", "name")
          .withoutExemplars()
          .register(registry);

  private final Histogram openBaoRequests =
      Histogram.builder()
          .name("mcpctl_openbao_request_duration_seconds")
          .help(
              "Time each request to OpenBao took, by operation (lookup_self, mint, kv_write…) and"
                  + " outcome (ok, refused, not_found, rate_limited, unavailable, server_error,"
                  + " timeout, unreachable, tls_failure).")
          .labelNames("operation", "outcome")
          // Mints may take up to the mint timeout (100 s by default).
          .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
          .withoutExemplars()
          .register(registry);

  /** The rotation limiter's queue, once the operator has one; empty before. */
  private volatile IntSupplier rotationsWaiting = () -> 0;

  private volatile IntSupplier rotationsInFlight = () -> 0;

  /** Whether this replica leads, once the operator knows; not before. */
  private volatile BooleanSupplier leads = () -> false;

  private final Counter apiRequests =
      Counter.builder()
          .name("mcpctl_kubernetes_api_requests_total")
          .help("Requests the operator sent to the Kubernetes API server, by HTTP method.")
          .labelNames("method")
          .withoutExemplars()
          .register(registry);

  {
    GaugeWithCallback.builder()
        .name("mcpctl_rotation_limiter_waiting")
        .help(
            "Backends refused a rotation slot (all taken, or the rate spent) that wait for one to"
                + " free.")
        .callback(callback -> callback.call(rotationsWaiting.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("mcpctl_rotation_limiter_in_flight")
        .help("Rotations running now, at most the max concurrent rotations.")
        .callback(callback -> callback.call(rotationsInFlight.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("mcpctl_operator_leader")
        .help(
            "1 while this replica acts on backends (it holds the leader Lease, or runs without"
                + " leader election), 0 while it stands by.")
        .callback(callback -> callback.call(leads.getAsBoolean() ? 1 : 0))
        .register(registry);
  }

  public void rotation(boolean succeeded) {
    rotations.labelValues(succeeded ? "success" : "failure").inc();
  }

  public void consumerRestarted(String namespace, String name, String kind) {
    consumerRestarts.labelValues(namespace, name, kind).inc();
  }

  public void revokeFailed() {
    revokeFailures.inc();
  }

  /** A mint of this backend ended without an answer: it may have left a token nobody holds. */
  public void possibleOrphan(String namespace, String name) {
    possibleOrphans.labelValues(namespace, name).inc();
  }

  /** Possible orphans counted for this backend so far. */
  public long possibleOrphans(String namespace, String name) {
    return (long) possibleOrphans.labelValues(namespace, name).get();
  }

  public void tokenState(
      String namespace,
      String name,
      Optional<Instant> expiresAt,
      Optional<Instant> lastRotationAt,
      Optional<TokenHealth> state) {
    expiresAt.ifPresentOrElse(
        at -> expiration.labelValues(namespace, name).set(at.getEpochSecond()),
        () -> expiration.remove(namespace, name));
    lastRotationAt.ifPresentOrElse(
        at -> lastRotation.labelValues(namespace, name).set(at.getEpochSecond()),
        () -> lastRotation.remove(namespace, name));
    for (TokenHealth candidate : TokenHealth.values()) {
      String label = candidate.name().toLowerCase(Locale.ROOT);
      if (state.isPresent()) {
        health.labelValues(namespace, name, label).set(candidate == state.get() ? 1 : 0);
      } else {
        health.remove(namespace, name, label);
      }
    }
  }

  /** How many containers still hold a previous token of this backend, as a look just found. */
  public void consumersOnPreviousToken(String namespace, String name, int containers) {
    consumersOnPreviousToken.labelValues(namespace, name).set(containers);
  }

  /** A check of the backend's token with OpenBao happened {@code at}. */
  public void checked(String namespace, String name, Instant at) {
    lastCheck.labelValues(namespace, name).set(at.getEpochSecond());
  }

  /**
   * Drops a deleted backend's series, its counters included: a deleted backend left in ERROR would
   * otherwise keep its alert firing until the operator restarts.
   */
  public void forget(String namespace, String name) {
    tokenState(namespace, name, Optional.empty(), Optional.empty(), Optional.empty());
    lastCheck.remove(namespace, name);
    consumersOnPreviousToken.remove(namespace, name);
    possibleOrphans.remove(namespace, name);
    for (String kind : Workload.RESTARTABLE_KINDS) {
      consumerRestarts.remove(namespace, name, kind);
    }
  }

  /** Reports every request to OpenBao in {@code mcpctl_openbao_request_duration_seconds}. */
  public RequestObserver openBaoRequests() {
    return this::openBaoRequest;
  }

  private void openBaoRequest(OpenBaoOperation operation, OpenBaoOutcome outcome, Duration took) {
    openBaoRequests.labelValues(operation.label(), outcome.label()).observe(took.toNanos() / 1e9);
  }

  /** Reads the rotation limiter's queue at each scrape. */
  public void rotationLimiter(IntSupplier waiting, IntSupplier inFlight) {
    this.rotationsWaiting = waiting;
    this.rotationsInFlight = inFlight;
  }

  /** Reads at each scrape whether this replica leads. */
  public void leadership(BooleanSupplier leads) {
    this.leads = leads;
  }

  public void reconciled(String outcome, Duration took) {
    reconcileDuration.labelValues(outcome).observe(took.toNanos() / 1e9);
  }

  public void apiRequest(String method) {
    apiRequests.labelValues(method).inc();
  }

  /** Requests sent to the API server with this method so far. */
  public long apiRequests(String method) {
    return (long) apiRequests.labelValues(method).get();
  }

  public void write(OutputStream out) throws IOException {
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
  }
}
