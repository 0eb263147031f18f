package io.mcpctl.openbao;

import java.time.Duration;
import java.time.Instant;

/**
 * Durations and times as read from an OpenBao answer, held to what a real server can mean. The
 * server is whatever a backend's address names: a figure beyond these bounds would overflow when
 * added to a time, or make a status timestamp (years past 9999) that the API server refuses, which
 * would keep the status from being written at all.
 */
final class AnswerTimes {

  /** Longer than any lease OpenBao hands out (its max_lease_ttl defaults to 32 days). */
  static final Duration LONGEST = Duration.ofDays(36_500);

  /** The last second RFC 3339 can write with four digits of year. */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private AnswerTimes() {}

  /** {@code seconds} as a duration from zero to {@link #LONGEST}. */
  static Duration seconds(long seconds) {
    if (seconds <= 0) {
      return Duration.ZERO;
    }
    return seconds > LONGEST.toSeconds() ? LONGEST : Duration.ofSeconds(seconds);
  }

  /** Epoch seconds as a time from the epoch to {@link #LATEST}. */
  static Instant epochSecond(long seconds) {
    if (seconds <= 0) {
      return Instant.EPOCH;
    }
    return seconds > LATEST.getEpochSecond() ? LATEST : Instant.ofEpochSecond(seconds);
  }

  /** A time no later than {@link #LATEST}. */
  static Instant atMostLatest(Instant time) {
    return time.isAfter(LATEST) ? LATEST : time;
  }
}
