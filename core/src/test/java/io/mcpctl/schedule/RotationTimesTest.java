package io.mcpctl.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RotationTimesTest {

  private static final Instant SWITCHED = Instant.parse("2025-06-01T12:00:00.750Z");
  private static final RotationSettings DAILY =
      new RotationSettings(
          "r", Duration.ofHours(24), Duration.ofMinutes(10), Duration.ofMinutes(2));

  @Test
  void jitterStaysWithinBoundsAndSpreadsRotations() {
    SplittableRandom random = new SplittableRandom(42);
    Instant earliest = Instant.parse("2025-06-02T11:50:00Z");
    Instant latest = Instant.parse("2025-06-02T12:10:00Z");
    Set<Instant> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      Instant next = RotationTimes.nextRotationAt(SWITCHED, DAILY, random);
      assertThat(next).isBetween(earliest, latest);
      assertThat(next.getNano()).isZero();
      seen.add(next);
    }
    assertThat(seen).as("distinct rolled times").hasSizeGreaterThan(500);
    assertThat(seen.stream().min(Instant::compareTo))
        .hasValueSatisfying(min -> assertThat(min).isBefore(earliest.plusSeconds(60)));
    assertThat(seen.stream().max(Instant::compareTo))
        .hasValueSatisfying(max -> assertThat(max).isAfter(latest.minusSeconds(60)));
  }

  @Test
  void noJitterMeansExactlyOneIntervalAfterTheSwitch() {
    RotationSettings exact =
        new RotationSettings("r", Duration.ofHours(24), Duration.ZERO, Duration.ZERO);

    assertThat(RotationTimes.nextRotationAt(SWITCHED, exact, new SplittableRandom(1)))
        .isEqualTo(Instant.parse("2025-06-02T12:00:00Z"));
  }

  static Stream<Arguments> backoffs() {
    return Stream.of(
        Arguments.of(
            "the first failure waits between half a minute and a minute",
            1,
            Optional.empty(),
            30,
            60),
        Arguments.of(
            "the third failure waits between two and four minutes", 3, Optional.empty(), 120, 240),
        Arguments.of(
            "a long run of failures is capped at an hour", 40, Optional.empty(), 1800, 3600),
        Arguments.of(
            "a Retry-After longer than the back-off is honoured",
            1,
            Optional.of(Duration.ofMinutes(5)),
            300,
            300),
        Arguments.of(
            "a Retry-After beyond the longest back-off waits only that long",
            1,
            Optional.of(Duration.ofSeconds(Long.MAX_VALUE)),
            3600,
            3600),
        Arguments.of(
            "a Retry-After shorter than the back-off does not shorten it",
            3,
            Optional.of(Duration.ofSeconds(5)),
            120,
            240));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void backoffs(
      String sentence,
      int failures,
      Optional<Duration> retryAfter,
      long minSeconds,
      long maxSeconds) {
    RotationTimes times = new RotationTimes();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      assertThat(times.backoff(failures, retryAfter, random).toSeconds())
          .isBetween(minSeconds, maxSeconds);
    }
  }

  static Stream<Arguments> renewals() {
    Instant now = Instant.parse("2025-06-01T12:00:00Z");
    Duration week = Duration.ofDays(7);
    return Stream.of(
            Arguments.of(
                "failing rotations with six days left renew the token",
                3,
                true,
                Optional.of(now.plus(Duration.ofDays(6))),
                true),
            Arguments.of(
                "failing rotations with eight days left do not renew yet",
                3,
                true,
                Optional.of(now.plus(Duration.ofDays(8))),
                false),
            Arguments.of(
                "a healthy rotation history never renews",
                0,
                true,
                Optional.of(now.plus(Duration.ofDays(1))),
                false),
            Arguments.of(
                "a token that cannot be renewed is not renewed",
                3,
                false,
                Optional.of(now.plus(Duration.ofDays(1))),
                false),
            Arguments.of(
                "an unknown expiry is not a reason to renew", 3, true, Optional.empty(), false))
        .map(
            arguments ->
                Arguments.of(
                    arguments.get()[0],
                    arguments.get()[1],
                    arguments.get()[2],
                    arguments.get()[3],
                    week,
                    now,
                    arguments.get()[4]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void renewals(
      String sentence,
      int failures,
      boolean renewable,
      Optional<Instant> expiresAt,
      Duration window,
      Instant now,
      boolean expected) {
    assertThat(RotationTimes.shouldRenew(failures, renewable, expiresAt, window, now))
        .isEqualTo(expected);
  }
}
