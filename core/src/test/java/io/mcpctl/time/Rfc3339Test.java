package io.mcpctl.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

  @Test
  void formatsWholeSecondsInUtc() {
    assertThat(Rfc3339.format(Instant.parse("2025-06-01T12:00:00.987Z")))
        .isEqualTo("2025-06-01T12:00:00Z");
  }

  @Test
  void readsOffsetsAndFractionsAsWrittenByOpenBaoOrByHand() {
    assertThat(Rfc3339.parse("2025-06-01T14:00:00.5+02:00"))
        .contains(Instant.parse("2025-06-01T12:00:00.5Z"));
  }

  @Test
  void anAbsentOrDamagedTimestampIsEmpty() {
    assertThat(Rfc3339.parse(null)).isEmpty();
    assertThat(Rfc3339.parse(" ")).isEmpty();
    assertThat(Rfc3339.parse("yesterday")).isEmpty();
  }
}
