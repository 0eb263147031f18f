package io.mcpctl.time;

import java.time.Duration;

/**
 * Durations the way kubectl shows ages: two or three significant figures, the coarser the longer
 * ({@code 45s}, {@code 5m30s}, {@code 179m}, {@code 3h15m}, {@code 21h}, {@code 2d3h}, {@code 29d},
 * {@code 2y70d}, {@code 9y}). The rule of Kubernetes' {@code duration.HumanDuration}, which both
 * kubectl and the API server use for AGE columns; {@code HumanDurationKubectlIT} in the sandbox
 * holds this class to the real kubectl's output.
 */
public final class HumanDuration {

  private static final long MINUTE = 60;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long YEAR = 365 * DAY;

  private HumanDuration() {}

  /**
   * The text for {@code duration}: {@code <invalid>} for more than a second below zero (a clock
   * that is slightly off still reads {@code 0s}).
   */
  public static String of(Duration duration) {
    // Whole seconds towards zero, as Go converts them: -1.5s is -1s, so it still reads 0s.
    long seconds = duration.isNegative() ? -duration.negated().getSeconds() : duration.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 2 * MINUTE) {
      return seconds + "s";
    }
    long minutes = seconds / MINUTE;
    if (minutes < 10) {
      return withRemainder(minutes, "m", seconds % MINUTE, "s");
    }
    if (minutes < 3 * 60) {
      return minutes + "m";
    }
    long hours = seconds / HOUR;
    if (hours < 8) {
      return withRemainder(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = seconds / DAY;
    if (days < 8) {
      return withRemainder(days, "d", hours % 24, "h");
    }
    if (days < 2 * 365) {
      return days + "d";
    }
    long years = seconds / YEAR;
    if (years < 8) {
      return withRemainder(years, "y", days % 365, "d");
    }
    return years + "y";
  }

  /** {@code 5m30s}, or {@code 5m} when the finer part is zero. */
  private static String withRemainder(long coarse, String coarseUnit, long fine, String fineUnit) {
    return fine == 0 ? coarse + coarseUnit : coarse + coarseUnit + fine + fineUnit;
  }
}
