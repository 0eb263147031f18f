package io.mcpctl.cli.common;

import io.mcpctl.time.HumanDuration;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Times as people read them next to a timestamp: {@code 3h ago}, {@code in 29d}, each duration as
 * kubectl shows ages ({@link HumanDuration}).
 */
public final class RelativeTime {

  private RelativeTime() {}

  /** {@code 2025-03-01T12:00:00Z (3h ago)}, or {@code <none>} for an absent timestamp. */
  public static String withTimestamp(String rfc3339, Instant now) {
    Optional<Instant> instant = Rfc3339.parse(rfc3339);
    if (instant.isEmpty()) {
      return rfc3339 == null || rfc3339.isBlank() ? "<none>" : rfc3339;
    }
    return Rfc3339.format(instant.get()) + " (" + relative(instant.get(), now) + ")";
  }

  /** {@code 3h ago}, {@code in 29d} or {@code now}. */
  public static String relative(Instant instant, Instant now) {
    Duration difference = Duration.between(now, instant);
    if (difference.abs().getSeconds() < 1) {
      return "now";
    }
    return difference.isNegative()
        ? HumanDuration.of(difference.negated()) + " ago"
        : "in " + HumanDuration.of(difference);
  }

  /** The age of something, as kubectl prints the AGE column. */
  public static String age(Instant instant, Instant now) {
    Duration age = Duration.between(instant, now);
    return HumanDuration.of(age.isNegative() ? Duration.ZERO : age);
  }
}
