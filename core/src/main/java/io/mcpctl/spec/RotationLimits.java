package io.mcpctl.spec;

import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.util.Optional;

/**
 * The operator's limits on a rotated token's timing. {@link SpecValidator} holds every spec to
 * them; the plugin's wizard holds what it is about to write to them, so that it never writes a spec
 * the operator refuses. Each caller words its own sentence: the rule lives here once.
 */
public final class RotationLimits {

  /** Below this a rotation would barely finish before the next one starts. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(5);

  private RotationLimits() {}

  /**
   * A duration as a rotation spec writes one: Go's syntax ({@code 24h}, {@code 10m}, {@code 90s})
   * and not negative; empty for anything else.
   */
  public static Optional<Duration> duration(String text) {
    try {
      Duration duration = GoDuration.parse(text);
      return duration.isNegative() ? Optional.empty() : Optional.of(duration);
    } catch (IllegalArgumentException notADuration) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code jitter} keeps rotations apart: less than half the interval, else a rotation
   * pulled early and the one before it pushed late could be scheduled at once.
   */
  public static boolean jitterFits(Duration jitter, Duration interval) {
    return !jitter.isNegative() && jitter.multipliedBy(2).compareTo(interval) < 0;
  }

  /** The shortest time from a switch to the next rotation: the interval minus the jitter. */
  public static Duration untilEarliestNextRotation(Duration interval, Duration jitter) {
    return interval.minus(jitter);
  }

  /**
   * Whether the previous token's grace period ends, and the token is revoked, before the earliest
   * next rotation mints another.
   */
  public static boolean gracePeriodFits(Duration grace, Duration interval, Duration jitter) {
    return !grace.isNegative() && grace.compareTo(untilEarliestNextRotation(interval, jitter)) < 0;
  }
}
