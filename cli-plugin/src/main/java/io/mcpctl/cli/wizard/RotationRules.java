package io.mcpctl.cli.wizard;

import io.mcpctl.openbao.policy.RotatorRole;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.util.Optional;

/**
 * The limits the wizard holds rotation timing to, wherever a value comes from: a flag, or an
 * existing SecretBackend that a re-run keeps. Each check returns the end of a sentence saying what
 * is wrong and giving a value that fits (the caller names the value), or empty when it fits.
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
    if (jitter.isNegative() || jitter.multipliedBy(2).compareTo(interval) >= 0) {
      return Optional.of(
          "must be less than half the interval ("
              + GoDuration.format(interval)
              + "); lower it, such as "
              + GoDuration.format(WizardSettings.jitterFor(interval)));
    }
    return Optional.empty();
  }

  /** The predecessor must be revoked before the earliest next rotation mints another. */
  static Optional<String> gracePeriod(Duration grace, Duration interval, Duration jitter) {
    if (grace.isNegative()) {
      return Optional.of("must not be negative, such as 2m");
    }
    Duration untilNextRotation = interval.minus(jitter);
    if (grace.compareTo(untilNextRotation) >= 0) {
      return Optional.of(
          "must end before the next rotation ("
              + GoDuration.format(untilNextRotation)
              + " after the switch); lower it, such as "
              + GoDuration.format(WizardSettings.jitterFor(interval)));
    }
    return Optional.empty();
  }
}
