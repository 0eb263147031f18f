package io.mcpctl.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  static Stream<Arguments> parses() {
    return Stream.of(
        Arguments.of("a day in hours", "24h", Duration.ofHours(24)),
        Arguments.of("hours and minutes", "1h30m", Duration.ofMinutes(90)),
        Arguments.of("seconds beyond a minute", "90s", Duration.ofSeconds(90)),
        Arguments.of("a month of hours", "720h", Duration.ofHours(720)),
        Arguments.of(
            "every unit at once",
            "1h2m3s4ms5us6ns",
            Duration.ofHours(1).plusMinutes(2).plusSeconds(3).plusNanos(4_005_006)),
        Arguments.of("a fraction of an hour", "1.5h", Duration.ofMinutes(90)),
        Arguments.of("a fraction without a leading digit", ".5s", Duration.ofMillis(500)),
        Arguments.of("a bare zero", "0", Duration.ZERO),
        Arguments.of("zero with a unit", "0s", Duration.ZERO),
        Arguments.of("the micro sign", "7µs", Duration.ofNanos(7_000)),
        Arguments.of("surrounding blanks", " 10m ", Duration.ofMinutes(10)));
  }

  @ParameterizedTest(name = "parses {0}: {1}")
  @MethodSource
  void parses(String description, String text, Duration expected) {
    assertThat(GoDuration.parse(text)).isEqualTo(expected);
  }

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of("whole hours without zero parts", Duration.ofHours(24), "24h"),
        Arguments.of("hours and minutes", Duration.ofMinutes(90), "1h30m"),
        Arguments.of("minutes and seconds", Duration.ofSeconds(90), "1m30s"),
        Arguments.of("a month of hours", Duration.ofHours(720), "720h"),
        Arguments.of("hours and seconds without minutes", Duration.ofSeconds(3605), "1h5s"),
        Arguments.of("fractional seconds", Duration.ofMillis(1500), "1.5s"),
        Arguments.of("milliseconds under a second", Duration.ofMillis(250), "250ms"),
        Arguments.of("nanoseconds", Duration.ofNanos(12), "12ns"),
        Arguments.of("zero", Duration.ZERO, "0s"),
        Arguments.of("a negative duration", Duration.ofMinutes(-2), "-2m"));
  }

  @ParameterizedTest(name = "formats {0}: {2}")
  @MethodSource
  void formats(String description, Duration duration, String expected) {
    assertThat(GoDuration.format(duration)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "a formatted duration parses back to itself: {0}")
  @ValueSource(longs = {1, 999, 1_000_000, 1_500_000_000L, 86_400_000_000_000L, 5_025_000_000_123L})
  void aFormattedDurationParsesBackToItself(long nanos) {
    Duration duration = Duration.ofNanos(nanos);
    assertThat(GoDuration.parse(GoDuration.format(duration))).isEqualTo(duration);
  }

  @ParameterizedTest(name = "rejects \"{0}\" with a sentence that shows the expected form")
  @ValueSource(strings = {"", "24", "h", "1d", "1h 30m", "-5m", "1.h.5", "ten minutes"})
  void rejectsTextThatIsNotADuration(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\" is not a duration")
        .hasMessageContaining("such as 24h");
  }

  @ParameterizedTest(name = "rejects a duration longer than Java can hold: {0}")
  @ValueSource(strings = {"99999999999999h"})
  void rejectsADurationThatOverflows(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
  }
}
