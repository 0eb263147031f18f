package io.mcpctl.openbao;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandbyCatchUpTest {

  private final List<Duration> waited = new ArrayList<>();
  private final StandbyCatchUp catchUp = new StandbyCatchUp(waited::add);

  @Test
  void asksAgainWithGrowingWaitsUntilTheAnswerIsNoLongerNotYet() {
    Iterator<String> answers = List.of("not yet", "not yet", "done", "never asked").iterator();

    String answer = catchUp.untilSeen(answers::next, "not yet"::equals);

    assertThat(answer).isEqualTo("done");
    assertThat(waited).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
  }

  @Test
  void givesTheLastAnswerOnceTheWaitsAreSpent() {
    int[] asked = {0};

    String answer =
        catchUp.untilSeen(
            () -> {
              asked[0]++;
              return "not yet";
            },
            "not yet"::equals);

    assertThat(answer).isEqualTo("not yet");
    assertThat(asked[0]).isEqualTo(StandbyCatchUp.WAITS.size() + 1);
    assertThat(waited.stream().mapToLong(Duration::toMillis).sum())
        .as("longer in all than a healthy cluster's replication lag")
        .isEqualTo(3150);
  }

  @Test
  void aFirstAnswerThatIsNotNotYetIsTakenWithoutWaiting() {
    assertThat(catchUp.untilSeen(() -> "done", "not yet"::equals)).isEqualTo("done");
    assertThat(waited).isEmpty();
  }
}
