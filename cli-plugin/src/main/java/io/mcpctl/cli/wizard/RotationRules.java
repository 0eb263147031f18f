package io.mcpctl.cli.wizard;

import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.openbao.policy.RotatorRole;
import io.mcpctl.spec.RotationLimits;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.util.Optional;

/**
 * The limits the wizard holds rotation timing to, wherever a value comes from: a flag, or an
 * existing SecretBackend that a re-run keeps. The jitter and the grace period follow the operator's
 * own {@link RotationLimits}; the interval is held tighter, to what the rotation role's tokens
 * outlive. Each check returns the end of a sentence saying what is wrong and giving a value that
 * fits (the caller names the value), or empty when it fits.
 */
final class RotationRules {

  /** Shorter than this, a rotation would barely finish before the next one is due. */
  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  private RotationRules() {}

  /** The token must outlive an interval: tokens are periodic with {@link RotatorRole}'s period. */
  static Optional<String> interval(Duration interval) {
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(RotatorRole.TOKEN_PERIOD) >= 0) {
      return Optional.of(
          "must be at least "
              + GoDuration.format(MIN_INTERVAL)
              + " and shorter than the token period "
              + GoDuration.format(RotatorRole.TOKEN_PERIOD)
              + ", such as 24h");
    }
    return Optional.empty();
  }

  /** The operator's rule: a jitter of half the interval could schedule two rotations at once. */
  static Optional<String> jitter(Duration jitter, Duration interval) {
    if (!RotationLimits.jitterFits(jitter, interval)) {
      return Optional.of(
          "must be less than half the interval ("
              + GoDuration.format(interval)
              + "); lower it, such as "
              + GoDuration.format(jitterFor(interval)));
    }
    return Optional.empty();
  }

  /** The operator's rule: the predecessor is revoked before the earliest next rotation. */
  static Optional<String> gracePeriod(Duration grace, Duration interval, Duration jitter) {
    if (grace.isNegative()) {
      return Optional.of("must not be negative, such as 2m");
    }
    if (!RotationLimits.gracePeriodFits(grace, interval, jitter)) {
      return Optional.of(
          "must end before the next rotation ("
              + GoDuration.format(RotationLimits.untilEarliestNextRotation(interval, jitter))
              + " after the switch); lower it, such as "
              + GoDuration.format(jitterFor(interval)));
    }
    return Optional.empty();
  }

  /**
   * The jitter written with the backend: the CRD's default of 10m, but never more than a tenth of
   * the interval, so a short interval (a demo's 1m) still passes the operator's rules (jitter under
   * half the interval, grace period over before the next rotation). The default grace period is
   * bounded the same way.
   */
  static Duration jitterFor(Duration interval) {
    return atMostATenthOf(interval, RotationSpec.DEFAULT_JITTER);
  }

  /** The grace period written when neither the flag nor an existing backend gives one. */
  static Duration defaultGracePeriodFor(Duration interval) {
    return atMostATenthOf(interval, RotationSpec.DEFAULT_REVOKE_GRACE_PERIOD);
  }

  private static Duration atMostATenthOf(Duration interval, String crdDefault) {
    Duration tenth = interval.dividedBy(10);
    Duration fallback = GoDuration.parse(crdDefault);
    return tenth.compareTo(fallback) < 0 ? tenth : fallback;
  }
}
