package io.mcpctl.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.mcpctl.api.v1alpha1.SecretBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckRecordsTest {

  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private final CheckRecords records = new CheckRecords(HOUR, new Random(7));

  @Test
  void aRememberedCheckWinsOverAnOlderRecordedOne() {
    SecretBackend backend = backend("a");
    records.checked(backend, NOW.minusSeconds(60));

    assertThat(records.lastChecked(backend, Optional.of(NOW.minus(Duration.ofHours(20))), NOW))
        .contains(NOW.minusSeconds(60));
    assertThat(records.lastChecked(backend, Optional.of(NOW.minusSeconds(5)), NOW))
        .as("a newer recorded one, written by another replica")
        .contains(NOW.minusSeconds(5));
  }

  @Test
  void aBackendFirstSeenWithARecentRecordGoesByTheRecord() {
    Optional<Instant> recorded = Optional.of(NOW.minus(Duration.ofMinutes(20)));
    assertThat(records.lastChecked(backend("b"), recorded, NOW)).isEqualTo(recorded);
    assertThat(records.lastChecked(backend("c"), Optional.empty(), NOW)).isEmpty();
  }

  @Test
  void backendsFirstSeenWithOldRecordsSpreadTheirFirstCheckOverOneInterval() {
    List<Instant> nextChecks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Instant last =
          records
              .lastChecked(backend("old-" + i), Optional.of(NOW.minus(Duration.ofHours(20))), NOW)
              .orElseThrow();
      nextChecks.add(last.plus(HOUR));
    }

    assertThat(nextChecks).allSatisfy(next -> assertThat(next).isBetween(NOW, NOW.plus(HOUR)));
    assertThat(nextChecks.stream().filter(next -> next.isBefore(NOW.plus(Duration.ofMinutes(6)))))
        .as("about a tenth in the first tenth of the hour, not all of them")
        .hasSizeBetween(5, 45);
    SecretBackend first = backend("old-0");
    assertThat(records.lastChecked(first, Optional.of(NOW.minus(Duration.ofHours(20))), NOW))
        .as("rolled once, then remembered")
        .contains(nextChecks.get(0).minus(HOUR));
  }

  @Test
  void aRecentRecordIsRememberedSoItIsNotRolledAgainOnceOld() {
    SecretBackend backend = backend("kept");
    Instant recorded = NOW.minus(Duration.ofMinutes(20));
    records.lastChecked(backend, Optional.of(recorded), NOW);

    Instant later = NOW.plus(Duration.ofMinutes(50));
    assertThat(records.lastChecked(backend, Optional.of(recorded), later))
        .as("due at once, as the record says, not at a new random point")
        .contains(recorded);
  }

  @Test
  void aForgottenBackendIsFirstSeenAgain() {
    SecretBackend backend = backend("gone");
    records.checked(backend, NOW);
    records.forget(backend);

    assertThat(records.lastChecked(backend, Optional.empty(), NOW)).isEmpty();
  }

  private static SecretBackend backend(String name) {
    SecretBackend backend = new SecretBackend();
    backend.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("team-a")
            .withName(name)
            .withUid(name + "-uid")
            .build());
    return backend;
  }
}
