package io.mcpctl.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The RFC 3339 timestamps that status fields hold, in whole seconds and UTC as Kubernetes writes.
 */
public final class Rfc3339 {

  private Rfc3339() {}

  /** Whole seconds in UTC, e.g. {@code 2025-03-01T12:00:00Z}. */
  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Reads a timestamp written by this project or by hand; an absent or unreadable value is empty,
   * because status is advisory and a damaged field must not stop the reader.
   */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }
}
