package io.mcpctl.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPacerTest {

  @Test
  void restartsAtOnceAreSpacedToTheRateAndAPauseResetsTheTurn() throws InterruptedException {
    Instant start = Instant.parse("2026-12-05T10:00:00Z");
    List<Duration> waits = new ArrayList<>();
    RestartPacer pacer = new RestartPacer(Clock.fixed(start, ZoneOffset.UTC), 4, waits::add);

    for (int i = 0; i < 4; i++) {
      pacer.awaitTurn();
    }

    assertThat(waits)
        .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750));

    RestartPacer later =
        new RestartPacer(Clock.fixed(start.plusSeconds(10), ZoneOffset.UTC), 4, waits::add);
    waits.clear();
    later.awaitTurn();
    assertThat(waits).as("the first restart waits for nothing").isEmpty();
  }
}
