package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelativeTimeTest {

  @ParameterizedTest(name = "{0} reads as {1}")
  @CsvSource({
    "PT45S, 45s",
    "PT119S, 119s",
    "PT5M30S, 5m30s",
    "PT10M, 10m",
    "PT2H59M, 179m",
    "PT3H15M, 3h15m",
    "PT21H, 21h",
    "PT51H, 2d3h",
    "P29DT21H, 29d",
    "P800D, 2y70d"
  })
  void durationsKeepThePrecisionThatMattersAtTheirSize(String iso, String human) {
    assertThat(RelativeTime.human(Duration.parse(iso))).isEqualTo(human);
  }

  @ParameterizedTest(name = "{0} relative to noon is {1}")
  @CsvSource({
    "2025-06-01T09:00:00Z, 3h ago",
    "2025-06-02T09:00:00Z, in 21h",
    "2025-06-01T12:00:00Z, now"
  })
  void timesArePastOrFuture(String instant, String expected) {
    assertThat(RelativeTime.relative(Instant.parse(instant), Instant.parse("2025-06-01T12:00:00Z")))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "absent or odd timestamp {0}")
  @CsvSource(
      value = {"'', <none>", "yesterday, yesterday"},
      nullValues = "NULL")
  void absentOrUnreadableTimestampsAreShownAsTheyAre(String text, String expected) {
    assertThat(RelativeTime.withTimestamp(text, Instant.EPOCH)).isEqualTo(expected);
  }
}
