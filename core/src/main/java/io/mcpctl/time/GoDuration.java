package io.mcpctl.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way Go, Kubernetes and OpenBao write them: {@code 24h}, {@code 1h30m},
 * {@code 90s}, {@code 1.5h}, {@code 250ms}. Parsing accepts every unit Go accepts; formatting
 * leaves out zero parts, so 24 hours is {@code 24h} rather than Go's {@code 24h0m0s}.
 */
public final class GoDuration {

  private static final Pattern COMPONENT =
      Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)");

  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "μs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /**
   * Parses a Go duration such as {@code 24h} or {@code 1h30m}; {@code 0} alone is zero.
   *
   * @throws IllegalArgumentException with one sentence saying what is wrong and what to write
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text);
    }
    String trimmed = text.strip();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = COMPONENT.matcher(trimmed);
    BigDecimal totalNanos = BigDecimal.ZERO;
    int position = 0;
    while (position < trimmed.length()) {
      if (!matcher.find(position) || matcher.start() != position) {
        throw invalid(text);
      }
      BigDecimal amount =
          new BigDecimal(
              matcher.group(1).startsWith(".") ? "0" + matcher.group(1) : matcher.group(1));
      totalNanos =
          totalNanos.add(amount.multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)))));
      position = matcher.end();
    }
    try {
      return Duration.ofNanos(totalNanos.toBigInteger().longValueExact());
    } catch (ArithmeticException tooLong) {
      throw new IllegalArgumentException(
          "Duration \"" + text + "\" is too long; use at most 2562047h (about 292 years).");
    }
  }

  /** Formats like Go but without zero parts: 24h, 1h30m, 1m30s, 1.5s, 250ms, 0s. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    long nanos = duration.toNanos();
    if (nanos < 1_000L) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000L) {
      return decimal(nanos, 1_000L) + "us";
    }
    if (nanos < 1_000_000_000L) {
      return decimal(nanos, 1_000_000L) + "ms";
    }
    StringBuilder text = new StringBuilder();
    long hours = duration.toHours();
    long minutes = duration.toMinutesPart();
    long secondsInNanos = nanos - Duration.ofHours(hours).plusMinutes(minutes).toNanos();
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (minutes > 0) {
      text.append(minutes).append('m');
    }
    if (secondsInNanos > 0) {
      text.append(decimal(secondsInNanos, 1_000_000_000L)).append('s');
    }
    return text.toString();
  }

  private static String decimal(long value, long unit) {
    return BigDecimal.valueOf(value)
        .divide(BigDecimal.valueOf(unit))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "\""
            + (text == null ? "" : text)
            + "\" is not a duration; write a number with a unit (h, m, s, ms), such as 24h, 90m,"
            + " 1h30m or 45s.");
  }
}
