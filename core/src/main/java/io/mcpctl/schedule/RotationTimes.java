package io.mcpctl.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Times rolled once and stored: the next rotation after a switch, and the retry after a failure.
 * The random source is passed in, so tests fix it; nothing here reads a clock.
 */
public final class RotationTimes {

  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMinutes(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);

  private final Duration initialBackoff;
  private final Duration maxBackoff;

  public RotationTimes() {
    this(DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
  }

  public RotationTimes(Duration initialBackoff, Duration maxBackoff) {
    if (initialBackoff.isNegative()
        || initialBackoff.isZero()
        || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "The back-off must start above zero and not exceed its cap, such as 1m up to 1h.");
    }
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * {@code switch time + interval ± uniform jitter}, in whole seconds so that the value read back
   * from status is the value rolled.
   */
  public static Instant nextRotationAt(
      Instant switchedAt, RotationSettings settings, RandomGenerator random) {
    long jitterSeconds = settings.jitter().toSeconds();
    long offsetSeconds =
        jitterSeconds == 0 ? 0 : random.nextLong(-jitterSeconds, jitterSeconds + 1);
    return switchedAt
        .truncatedTo(ChronoUnit.SECONDS)
        .plus(settings.interval())
        .plusSeconds(offsetSeconds);
  }

  /**
   * When to retry after the {@code consecutiveFailures}-th failure in a row: exponential from the
   * initial back-off, capped, with half of it random so that backends failing together spread out;
   * never sooner than OpenBao's {@code Retry-After}, nor, whatever a server says, later than the
   * longest back-off: an address a namespace chose may answer any number, and a rotation put off
   * for years would let its token run out.
   */
  public Duration backoff(
      int consecutiveFailures, Optional<Duration> retryAfter, RandomGenerator random) {
    int doublings = Math.max(0, Math.min(consecutiveFailures - 1, 30));
    Duration exponential = initialBackoff.multipliedBy(1L << doublings);
    Duration capped = exponential.compareTo(maxBackoff) > 0 ? maxBackoff : exponential;
    long halfSeconds = Math.max(1, capped.toSeconds() / 2);
    Duration jittered = Duration.ofSeconds(halfSeconds + random.nextLong(0, halfSeconds + 1));
    return retryAfter
        .map(wait -> wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait)
        .filter(wait -> wait.compareTo(jittered) > 0)
        .orElse(jittered);
  }

  /**
   * Whether to renew the current token to buy runway: rotation keeps failing and the token would
   * expire within the warning window.
   */
  public static boolean shouldRenew(
      int consecutiveFailures,
      boolean renewable,
      Optional<Instant> expiresAt,
      Duration warningWindow,
      Instant now) {
    return consecutiveFailures > 0
        && renewable
        && expiresAt.filter(expiry -> expiry.isBefore(now.plus(warningWindow))).isPresent();
  }
}
