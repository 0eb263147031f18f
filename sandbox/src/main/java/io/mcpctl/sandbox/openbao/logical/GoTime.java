package io.mcpctl.sandbox.openbao.logical;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as Go's {@code time.RFC3339Nano} prints them: trailing zeros of the fraction dropped.
 */
public final class GoTime {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private GoTime() {}

  public static String utc(Instant instant) {
    return format(instant, ZoneOffset.UTC);
  }

  public static String format(Instant instant, ZoneId zone) {
    OffsetDateTime time = instant.atZone(zone).toOffsetDateTime();
    StringBuilder text = new StringBuilder(SECONDS.format(time));
    int nanos = time.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(fraction, 0, end);
    }
    ZoneOffset offset = time.getOffset();
    text.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
    return text.toString();
  }
}
