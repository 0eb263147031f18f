package io.mcpctl.cli;

import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Times as people read them next to a timestamp: {@code 3h ago}, {@code in 29d}. */
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
        ? human(difference.negated()) + " ago"
        : "in " + human(difference);
  }

  /** The age of something, as kubectl prints the AGE column. */
  public static String age(Instant instant, Instant now) {
    Duration age = Duration.between(instant, now);
    return human(age.isNegative() ? Duration.ZERO : age);
  }

  /**
   * A short duration with the precision that matters at its size, the way kubectl shows ages:
   * {@code 45s}, {@code 5m30s}, {@code 3h}, {@code 2d4h}, {@code 29d}, {@code 2y30d}.
   */
  public static String human(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withPart(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return withPart(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (days < 8) {
      return withPart(days, "d", hours % 24, "h");
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    return withPart(days / 365, "y", days % 365, "d");
  }

  private static String withPart(long major, String majorUnit, long minor, String minorUnit) {
    return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
  }
}
