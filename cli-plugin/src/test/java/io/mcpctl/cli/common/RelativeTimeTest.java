package io.mcpctl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelativeTimeTest {

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
