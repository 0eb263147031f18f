package io.mcpctl.sandbox.openbao.logical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** RFC 3339 with nanoseconds, trailing zeros dropped, as Go prints it. */
class GoTimeTest {

  @Test
  void fractionsLoseTrailingZerosAndWholeSecondsHaveNone() {
    assertThat(GoTime.utc(Instant.parse("2026-03-01T10:00:00Z"))).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(GoTime.utc(Instant.parse("2026-03-01T10:00:00.500Z")))
        .isEqualTo("2026-03-01T10:00:00.5Z");
    assertThat(GoTime.utc(Instant.parse("2026-03-01T10:00:00.945319214Z")))
        .isEqualTo("2026-03-01T10:00:00.945319214Z");
  }

  @Test
  void aNonUtcZoneShowsItsOffset() {
    assertThat(GoTime.format(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.ofHours(2)))
        .isEqualTo("2026-03-01T12:00:00+02:00");
  }
}
