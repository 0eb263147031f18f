package io.mcpctl.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.operator.rotation.ReconcileReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DuplicateDefaultsTest {

  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final Duration RECHECK = Duration.ofSeconds(30);

  private final DuplicateDefaults rule =
      new DuplicateDefaults(Clock.fixed(NOW, ZoneOffset.UTC), RECHECK);

  @Test
  void theYoungerOfTwoDefaultsIsNotReadyAndTheOlderStaysReady() {
    SecretBackend older = backend("first", "2026-12-01T00:00:00Z", true);
    SecretBackend younger = backend("second", "2026-12-02T00:00:00Z", true);
    List<SecretBackend> namespace = List.of(older, younger);

    ReconcileOutcome olderOutcome = rule.apply(older, healthy(), () -> namespace);
    ReconcileOutcome youngerOutcome = rule.apply(younger, healthy(), () -> namespace);

    assertThat(ready(olderOutcome)).map(Condition::getStatus).contains("True");
    assertThat(ready(youngerOutcome)).map(Condition::getReason).contains("DuplicateDefault");
    assertThat(ready(youngerOutcome))
        .map(Condition::getMessage)
        .hasValueSatisfying(message -> assertThat(message).contains("first is older"));
    assertThat(youngerOutcome.rescheduleAfter()).isEqualTo(RECHECK);
  }

  @Test
  void aBackendOverruledAlreadyKeepsItsTransitionTimeSoARecheckWritesNothingNew() {
    SecretBackend older = backend("first", "2026-12-01T00:00:00Z", true);
    SecretBackend younger = backend("second", "2026-12-02T00:00:00Z", true);
    String overruledSince = "2026-12-05T11:00:00Z";
    SecretBackendStatus stored = new SecretBackendStatus();
    stored.setConditions(
        ReadyCondition.replace(
            List.of(), false, "DuplicateDefault", "overruled", 1L, Instant.parse(overruledSince)));
    younger.setStatus(stored);

    ReconcileOutcome rechecked = rule.apply(younger, healthy(), () -> List.of(older, younger));

    assertThat(ready(rechecked))
        .map(Condition::getLastTransitionTime)
        .as("the check found the token working, but Ready stayed False all along")
        .contains(overruledSince);
  }

  @Test
  void creationTimesInAnotherFormOrUnreadableCompareAsTheTimesTheyWrite() {
    SecretBackend apiForm = backend("api-form", "2026-12-01T09:30:00Z", true);
    SecretBackend offset = backend("offset", "2026-12-01T10:00:00+01:00", true);
    SecretBackend fraction = backend("fraction", "2026-12-01T08:59:59.5Z", true);
    SecretBackend unreadable = backend("unreadable", "yesterday", true);
    List<SecretBackend> namespace = List.of(apiForm, offset, fraction, unreadable);

    assertThat(ready(rule.apply(offset, healthy(), () -> namespace)))
        .map(Condition::getMessage)
        .hasValueSatisfying(message -> assertThat(message).contains("fraction is older"));
    assertThat(ready(rule.apply(fraction, healthy(), () -> namespace)))
        .map(Condition::getStatus)
        .contains("True");
    assertThat(ready(rule.apply(unreadable, healthy(), () -> namespace)))
        .map(Condition::getReason)
        .contains("DuplicateDefault");
  }

  @Test
  void aBackendThatIsNoDefaultNeverListsItsNamespace() {
    SecretBackend plain = backend("plain", "2026-12-01T00:00:00Z", false);
    ReconcileOutcome outcome = healthy();

    ReconcileOutcome applied =
        rule.apply(
            plain,
            outcome,
            () -> {
              throw new AssertionError("listed the namespace for a backend that is no default");
            });

    assertThat(applied).isSameAs(outcome);
  }

  private static ReconcileOutcome healthy() {
    SecretBackendStatus status = new SecretBackendStatus();
    status.setConditions(
        ReadyCondition.replace(List.of(), true, "TokenValid", "ok", 1L, NOW.minusSeconds(60)));
    return new ReconcileOutcome(status, List.of(), Duration.ofHours(1), new ReconcileReport());
  }

  private static Optional<Condition> ready(ReconcileOutcome outcome) {
    return outcome.status().getConditions().stream()
        .filter(condition -> condition.getType().equals("Ready"))
        .findFirst();
  }

  private static SecretBackend backend(String name, String created, boolean isDefault) {
    SecretBackend backend = new SecretBackend();
    backend.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("team-a")
            .withCreationTimestamp(created)
            .withGeneration(1L)
            .build());
    SecretBackendSpec spec = new SecretBackendSpec();
    spec.setDefault(isDefault);
    backend.setSpec(spec);
    return backend;
  }
}
