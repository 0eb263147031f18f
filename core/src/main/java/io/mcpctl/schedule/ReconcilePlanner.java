package io.mcpctl.schedule;

import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.PreviousSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides what a reconcile does, as a pure function of the backend's state and the time. The stored
 * {@code nextRotationAt} already carries the jitter (and, after a failure, the back-off), so
 * nothing random is rolled here.
 */
public final class ReconcilePlanner {

  /** How soon a check that failed (OpenBao sealed, unreachable, token rejected) is repeated. */
  public static final Duration DEFAULT_FAILED_CHECK_RETRY = Duration.ofMinutes(1);

  private final Duration healthCheckInterval;
  private final Duration failedCheckRetry;

  public ReconcilePlanner(Duration healthCheckInterval) {
    this(healthCheckInterval, DEFAULT_FAILED_CHECK_RETRY);
  }

  public ReconcilePlanner(Duration healthCheckInterval, Duration failedCheckRetry) {
    if (healthCheckInterval.isZero() || healthCheckInterval.isNegative()) {
      throw new IllegalArgumentException("The health-check interval must be positive, such as 1h.");
    }
    this.healthCheckInterval = healthCheckInterval;
    this.failedCheckRetry =
        failedCheckRetry.compareTo(healthCheckInterval) < 0
            ? failedCheckRetry
            : healthCheckInterval;
  }

  /**
   * How soon a failed check is repeated: the configured retry, never later than the health-check
   * interval.
   */
  public Duration failedCheckRetry() {
    return failedCheckRetry;
  }

  /**
   * The plan for one backend.
   *
   * @param rotatable whether the token is rotated (static tokens are only checked)
   * @param meta the status's token facts (empty for a backend never reconciled)
   * @param secret what the token Secret holds
   * @param rotateRequest the rotate annotation's value, if set
   * @param lastCheckFailed whether OpenBao or the token failed at the last check, which is then
   *     repeated sooner
   * @param specChanged whether the spec changed since the status was written (generation ahead of
   *     observedGeneration): a failed rotation is then retried at once, not after its back-off,
   *     because the change may have fixed it, and the token is checked at once, because the change
   *     may as well have broken it (another mount, OpenBao namespace or path prefix), and the
   *     status about to say it describes this generation must not vouch for it unchecked
   */
  /** How often a token is checked when nothing else is due. */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  public ReconcilePlan plan(
      boolean rotatable,
      TokenMeta meta,
      TokenSecretState secret,
      Optional<String> rotateRequest,
      boolean lastCheckFailed,
      boolean specChanged,
      Instant now) {
    return plan(
        rotatable,
        meta,
        secret,
        rotateRequest,
        lastCheckFailed,
        specChanged,
        PredecessorHold.none(),
        now);
  }

  /**
   * As {@link #plan(boolean, TokenMeta, TokenSecretState, Optional, boolean, boolean, Instant)},
   * with the pods that may still hold the previous token.
   *
   * @param hold whether pods that read the token only at start still hold the previous one
   */
  public ReconcilePlan plan(
      boolean rotatable,
      TokenMeta meta,
      TokenSecretState secret,
      Optional<String> rotateRequest,
      boolean lastCheckFailed,
      boolean specChanged,
      PredecessorHold hold,
      Instant now) {
    Objects.requireNonNull(meta, "meta");
    Map<PreviousSlot, Instant> revokeAt = new LinkedHashMap<>();
    for (TokenSecretState.Predecessor predecessor : secret.predecessors()) {
      revokeAt.put(predecessor.slot(), hold.revokeAt(predecessor.slot(), predecessor.graceEnd()));
    }
    Set<PreviousSlot> due =
        rotatable
            ? revokeAt.entrySet().stream()
                .filter(entry -> !entry.getValue().isAfter(now))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet())
            : Set.of();
    // Each replaced token keeps its own slot and revoke time, so a rotation waits only when every
    // slot is taken and none of them is due.
    boolean blockedBySlots = secret.slotsFull() && due.isEmpty();
    Optional<RotationTrigger> rotation =
        rotatable && !blockedBySlots
            ? rotationDue(meta, secret, rotateRequest, specChanged, now)
            : Optional.empty();
    if (hold.revokeAtOnce() && rotation.equals(Optional.of(RotationTrigger.MANUAL_REQUEST))) {
      rotation = Optional.of(RotationTrigger.REVOKE_PREVIOUS_REQUEST);
    }
    Optional<Instant> lastChecked = Rfc3339.parse(meta.getLastCheckedAt());
    Duration checkEvery = lastCheckFailed ? failedCheckRetry : healthCheckInterval;
    Optional<Instant> nextCheck = lastChecked.map(checked -> checked.plus(checkEvery));
    boolean checkDue =
        rotation.isEmpty()
            && (specChanged || nextCheck.map(next -> !next.isAfter(now)).orElse(true));
    NextAction action;
    if (rotatable && secret.staged()) {
      action = new NextAction.ResolveStaged(rotation, checkDue);
    } else if (rotation.isPresent()) {
      action = new NextAction.Rotate(rotation.get(), due);
    } else if (!due.isEmpty()) {
      action = new NextAction.RevokePredecessors(due, checkDue);
    } else if (checkDue) {
      action = new NextAction.CheckToken();
    } else {
      action = new NextAction.NothingDue();
    }

    Instant nextCheckAt = checkDue ? now.plus(checkEvery) : nextCheck.orElse(now);
    Stream<Instant> predecessorTimes =
        Stream.concat(
            revokeAt.values().stream(),
            // Held or not, the pods are looked at when a grace period ends: restarted ones have
            // usually moved by then.
            secret.predecessors().stream().map(TokenSecretState.Predecessor::graceEnd));
    Instant wakeUpAt =
        Stream.concat(
                predecessorTimes,
                Stream.of(
                        rotatable ? nextRotationAt(meta, secret) : Optional.<Instant>empty(),
                        secret.previous() ? hold.nextLook(now) : Optional.<Instant>empty(),
                        Optional.of(nextCheckAt))
                    .flatMap(Optional::stream))
            .filter(instant -> instant.isAfter(now))
            .min(Instant::compareTo)
            .orElse(now.plus(healthCheckInterval));
    return new ReconcilePlan(action, wakeUpAt, nextCheckAt);
  }

  /**
   * Why a rotation is due now: never rotated by the operator, a new rotate request, a spec change
   * after a failed rotation, or a {@code nextRotationAt} that has passed.
   */
  public static Optional<RotationTrigger> rotationDue(
      TokenMeta meta,
      TokenSecretState secret,
      Optional<String> rotateRequest,
      boolean specChanged,
      Instant now) {
    Optional<String> request = rotateRequest.map(String::strip).filter(value -> !value.isEmpty());
    if (request.isPresent() && !request.get().equals(meta.getHandledRotateRequest())) {
      return Optional.of(RotationTrigger.MANUAL_REQUEST);
    }
    boolean failing = meta.getConsecutiveFailures() != null && meta.getConsecutiveFailures() > 0;
    if (specChanged && failing) {
      return Optional.of(RotationTrigger.SPEC_CHANGED);
    }
    Optional<Instant> next = nextRotationAt(meta, secret);
    if (next.isEmpty()) {
      return Optional.of(RotationTrigger.FIRST_SEEN);
    }
    return next.get().isAfter(now) ? Optional.empty() : Optional.of(RotationTrigger.SCHEDULED);
  }

  /**
   * The next rotation as recorded. The Secret's record wins when it is newer than the status's: a
   * status write may have failed after the switch, and rotating again would be wasteful.
   */
  public static Optional<Instant> nextRotationAt(TokenMeta meta, TokenSecretState secret) {
    return secret.nextRotationAt().isPresent() && secretRecordIsNewer(meta, secret)
        ? secret.nextRotationAt()
        : Rfc3339.parse(meta.getNextRotationAt());
  }

  /**
   * Whether the Secret records a switch the status does not know: the status write after it was
   * lost, so the Secret's record of the rotation is the truth.
   */
  public static boolean secretRecordIsNewer(TokenMeta meta, TokenSecretState secret) {
    Optional<Instant> statusRotatedAt = Rfc3339.parse(meta.getLastRotationAt());
    return secret.rotatedAt().isPresent()
        && (statusRotatedAt.isEmpty() || secret.rotatedAt().get().isAfter(statusRotatedAt.get()));
  }
}
