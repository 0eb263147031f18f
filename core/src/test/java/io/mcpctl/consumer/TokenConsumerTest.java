package io.mcpctl.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which replaced token a container holds: the one that was current when it started. */
class TokenConsumerTest {

  private static final Instant OLDER_SWITCH = Instant.parse("2025-06-01T11:50:00Z");
  private static final Instant NEWER_SWITCH = Instant.parse("2025-06-01T11:55:00Z");

  private static TokenConsumer startedAt(ReadMode mode, Optional<Instant> start) {
    return new TokenConsumer(
        "web-1", "app", mode, new Workload(Workload.DEPLOYMENT, "web"), start, false);
  }

  @Test
  void anEnvContainerHoldsOnlyTheTokenThatWasCurrentWhenItStarted() {
    TokenConsumer between =
        startedAt(ReadMode.ENV, Optional.of(Instant.parse("2025-06-01T11:52:00Z")));

    assertThat(between.holdsTokenCurrentBetween(Optional.of(OLDER_SWITCH), NEWER_SWITCH))
        .as("the token current from 11:50 to 11:55")
        .isTrue();
    assertThat(between.holdsTokenCurrentBetween(Optional.empty(), OLDER_SWITCH))
        .as("the token replaced at 11:50, before it started")
        .isFalse();
  }

  @Test
  void aContainerOfUnknownStartMayHoldAnyAndOneThatRereadsTheFileHoldsNone() {
    TokenConsumer unknown = startedAt(ReadMode.ENV, Optional.empty());
    TokenConsumer volume =
        startedAt(ReadMode.VOLUME, Optional.of(Instant.parse("2025-06-01T11:52:00Z")));

    assertThat(unknown.holdsTokenCurrentBetween(Optional.empty(), OLDER_SWITCH)).isTrue();
    assertThat(unknown.holdsTokenCurrentBetween(Optional.of(OLDER_SWITCH), NEWER_SWITCH)).isTrue();
    assertThat(volume.holdsTokenCurrentBetween(Optional.of(OLDER_SWITCH), NEWER_SWITCH)).isFalse();
  }

  @Test
  void theOldestWaitingTokenIsHeldByEveryContainerStartedBeforeItWasReplaced() {
    TokenConsumer early =
        startedAt(ReadMode.SUBPATH, Optional.of(Instant.parse("2025-06-01T09:00:00Z")));

    assertThat(early.holdsTokenCurrentBetween(Optional.empty(), OLDER_SWITCH)).isTrue();
    assertThat(early.holdsTokenCurrentBetween(Optional.of(OLDER_SWITCH), NEWER_SWITCH)).isFalse();
  }
}
