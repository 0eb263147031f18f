package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.schedule.PredecessorHold;
import io.mcpctl.schedule.ReconcilePlan;
import io.mcpctl.schedule.ReconcilePlanner;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the planner reads from a SecretBackend besides its Secret: the status's token facts, a
 * pending rotate request, whether the last check failed and whether the spec changed since.
 *
 * @param known a copy of the status's token facts (empty for a backend never reconciled)
 */
record PlanInputs(
    boolean rotatable,
    TokenMeta known,
    Optional<String> rotateRequest,
    boolean lastCheckFailed,
    boolean specChanged) {

  /**
   * Ready=False reasons that mean OpenBao, the token or its Secret failed at the last check, and
   * DuplicateDefault, which overwrote what the last check found: the token is looked at again as
   * soon, so that the backend recovers from a check once the other defaults are gone and its health
   * comes from a look at the token rather than from a condition about its namespace.
   */
  private static final Set<String> FAILED_CHECK_REASONS =
      Stream.concat(
              ReadyReasons.CHECK_FAILURES.stream(),
              Stream.of(ReadyReasons.DUPLICATE_DEFAULT, ReadyReasons.RECONCILE_ERROR))
          .collect(Collectors.toUnmodifiableSet());

  /**
   * @param lastChecked the last check to schedule by, which status records only now and then
   */
  static PlanInputs of(SecretBackend backend, boolean rotatable, Optional<Instant> lastChecked) {
    SecretBackendStatus status = backend.getStatus();
    TokenMeta known = TokenMeta.copyOf(status == null ? null : status.getTokenMeta());
    lastChecked.ifPresent(at -> known.setLastCheckedAt(Rfc3339.format(at)));
    return new PlanInputs(
        rotatable,
        known,
        rotateRequest(backend),
        failed(backend.condition(ReadyReasons.CONDITION_TYPE)),
        status != null
            && status.getObservedGeneration() != null
            && !status.getObservedGeneration().equals(backend.getMetadata().getGeneration()));
  }

  /** The inputs once {@code status} is written: the state this reconcile leaves. */
  PlanInputs after(SecretBackendStatus status) {
    return new PlanInputs(
        rotatable,
        status.getTokenMeta(),
        rotateRequest,
        failed(status.condition(ReadyReasons.CONDITION_TYPE)),
        false);
  }

  ReconcilePlan plan(
      ReconcilePlanner planner, TokenSecretState secret, PredecessorHold hold, Instant now) {
    return planner.plan(
        rotatable, known, secret, rotateRequest, lastCheckFailed, specChanged, hold, now);
  }

  /** Whether the status alone, without the Secret, makes a rotation due now. */
  boolean rotationDueByStatus(Instant now) {
    return rotatable
        && ReconcilePlanner.rotationDue(
                known, TokenSecretState.currentOnly(), rotateRequest, specChanged, now)
            .isPresent();
  }

  /**
   * Whether the pending rotate request also asks to revoke every previous token at once ({@code
   * rotate --revoke-previous}): the two annotations carry the same, not yet handled, value.
   */
  boolean revokePreviousRequested(SecretBackend backend) {
    Optional<String> revoke =
        Optional.ofNullable(backend.getMetadata().getAnnotations())
            .map(
                annotations ->
                    annotations.get(SecretBackend.REVOKE_PREVIOUS_REQUESTED_AT_ANNOTATION))
            .map(String::strip);
    return revoke.isPresent()
        && revoke.equals(rotateRequest.map(String::strip))
        && !revoke.get().equals(known.getHandledRotateRequest());
  }

  int failuresSoFar() {
    return known.getConsecutiveFailures() == null ? 0 : known.getConsecutiveFailures();
  }

  private static Optional<String> rotateRequest(SecretBackend backend) {
    return Optional.ofNullable(backend.getMetadata().getAnnotations())
        .map(annotations -> annotations.get(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION));
  }

  private static boolean failed(Optional<Condition> ready) {
    return ready
        .filter(condition -> "False".equals(condition.getStatus()))
        .filter(condition -> FAILED_CHECK_REASONS.contains(condition.getReason()))
        .isPresent();
  }
}
