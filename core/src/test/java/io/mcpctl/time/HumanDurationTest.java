package io.mcpctl.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ages as kubectl shows them. Every text here is what kubectl 1.32 printed for the same age ({@code
 * HumanDurationKubectlIT} in the sandbox asks it).
 */
class HumanDurationTest {

  /**
   * @param age the duration shown
   * @param shown what kubectl shows for it
   */
  record Case(String name, Duration age, String shown) {

    static Case of(String name, Duration age, String shown) {
      return new Case(name, age, shown);
    }

    @Override
    public String toString() {
      return name + ": " + shown;
    }
  }

  static Stream<Case> ages() {
    return Stream.of(
        Case.of("more than a second in the future is invalid", seconds(-5), "<invalid>"),
        Case.of("up to a second in the future is now", seconds(-1), "0s"),
        Case.of("a second and a half in the future is still now", Duration.ofMillis(-1500), "0s"),
        Case.of("no time at all", Duration.ZERO, "0s"),
        Case.of("a fraction of a second counts as none", Duration.ofMillis(999), "0s"),
        Case.of("seconds under a minute", seconds(45), "45s"),
        Case.of("seconds up to two minutes", seconds(119), "119s"),
        Case.of("two minutes", seconds(120), "2m"),
        Case.of("minutes and seconds under ten minutes", seconds(125), "2m5s"),
        Case.of("five and a half minutes", Duration.ofSeconds(330), "5m30s"),
        Case.of("the last second before ten minutes", seconds(599), "9m59s"),
        Case.of("ten minutes drop the seconds", seconds(600), "10m"),
        Case.of("minutes up to three hours", seconds(10799), "179m"),
        Case.of("two hours fifty-nine", Duration.ofMinutes(179), "179m"),
        Case.of("three hours", seconds(10800), "3h"),
        Case.of("hours and minutes under eight hours", seconds(12600), "3h30m"),
        Case.of("three hours and a quarter", Duration.ofMinutes(195), "3h15m"),
        Case.of("the last minute before eight hours", Duration.ofMinutes(479), "7h59m"),
        Case.of("eight hours drop the minutes", seconds(28800), "8h"),
        Case.of("hours under two days", Duration.ofHours(21), "21h"),
        Case.of("the last hour before two days", Duration.ofHours(47), "47h"),
        Case.of("two days", seconds(172800), "2d"),
        Case.of("days and hours under eight days", seconds(180000), "2d2h"),
        Case.of("two days and three hours", Duration.ofHours(51), "2d3h"),
        Case.of("the last hour before eight days", Duration.ofHours(191), "7d23h"),
        Case.of("eight days drop the hours", seconds(691200), "8d"),
        Case.of("days under two years", Duration.ofDays(29).plusHours(21), "29d"),
        Case.of("the last day before two years", Duration.ofDays(729), "729d"),
        Case.of("two years", seconds(63072000), "2y"),
        Case.of("years and days under eight years", seconds(63158400), "2y1d"),
        Case.of("eight hundred days", Duration.ofDays(800), "2y70d"),
        Case.of("the last day before eight years", Duration.ofDays(8 * 365 - 1), "7y364d"),
        Case.of("eight years drop the days", Duration.ofDays(8 * 365 + 80), "8y"),
        Case.of("ten years", seconds(315360000), "10y"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ages")
  void agesReadAsKubectlShowsThem(Case c) {
    assertThat(HumanDuration.of(c.age())).isEqualTo(c.shown());
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
