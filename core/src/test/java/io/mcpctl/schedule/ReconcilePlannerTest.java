package io.mcpctl.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.api.v1alpha1.TokenMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReconcilePlannerTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final ReconcilePlanner PLANNER = new ReconcilePlanner(Duration.ofHours(1));

  private static Instant at(String time) {
    return Instant.parse("2025-06-01T" + time + "Z");
  }

  static Stream<Arguments> plans() {
    return Stream.of(
        Arguments.of(
            "a backend never rotated by the operator is rotated as soon as it is seen",
            true,
            (Consumer<TokenMeta>)
                meta -> {
                  meta.setNextRotationAt(null);
                  meta.setLastCheckedAt(null);
                },
            TokenSecretState.currentOnly(),
            Optional.empty(),
            false,
            new NextAction.Rotate(RotationTrigger.FIRST_SEEN, false),
            at("13:00:00")),
        Arguments.of(
            "nothing is due before the next rotation and the next check: the reconcile is idle",
            true,
            (Consumer<TokenMeta>) meta -> {},
            TokenSecretState.currentOnly(),
            Optional.empty(),
            false,
            new NextAction.NothingDue(),
            at("12:30:00")),
        Arguments.of(
            "a next rotation that has passed is due (overdue after a restart too)",
            true,
            (Consumer<TokenMeta>) meta -> meta.setNextRotationAt("2025-05-30T00:00:00Z"),
            TokenSecretState.currentOnly(),
            Optional.empty(),
            false,
            new NextAction.Rotate(RotationTrigger.SCHEDULED, false),
            at("12:30:00")),
        Arguments.of(
            "a next rotation exactly now is due",
            true,
            (Consumer<TokenMeta>) meta -> meta.setNextRotationAt("2025-06-01T12:00:00Z"),
            TokenSecretState.currentOnly(),
            Optional.empty(),
            false,
            new NextAction.Rotate(RotationTrigger.SCHEDULED, false),
            at("12:30:00")),
        Arguments.of(
            "a new rotate-annotation value asks for a rotation now",
            true,
            (Consumer<TokenMeta>) meta -> meta.setHandledRotateRequest("2025-06-01T10:00:00Z"),
            TokenSecretState.currentOnly(),
            Optional.of("2025-06-01T11:59:00Z"),
            false,
            new NextAction.Rotate(RotationTrigger.MANUAL_REQUEST, false),
            at("12:30:00")),
        Arguments.of(
            "a rotate-annotation value already handled asks for nothing",
            true,
            (Consumer<TokenMeta>) meta -> meta.setHandledRotateRequest("2025-06-01T10:00:00Z"),
            TokenSecretState.currentOnly(),
            Optional.of("2025-06-01T10:00:00Z"),
            false,
            new NextAction.NothingDue(),
            at("12:30:00")),
        Arguments.of(
            "a staged next-token left by a crash is resolved first",
            true,
            (Consumer<TokenMeta>) meta -> {},
            new TokenSecretState(true, false, Optional.empty(), Optional.empty(), Optional.empty()),
            Optional.empty(),
            false,
            new NextAction.ResolveStaged(Optional.empty(), false),
            at("12:30:00")),
        Arguments.of(
            "a previous token past its grace period is revoked",
            true,
            (Consumer<TokenMeta>) meta -> {},
            new TokenSecretState(
                false, true, Optional.of(at("11:59:00")), Optional.empty(), Optional.empty()),
            Optional.empty(),
            false,
            new NextAction.RevokePredecessor(false),
            at("12:30:00")),
        Arguments.of(
            "a previous token inside its grace period waits, and the wake-up is the grace end",
            true,
            (Consumer<TokenMeta>) meta -> {},
            new TokenSecretState(
                false, true, Optional.of(at("12:02:00")), Optional.empty(), Optional.empty()),
            Optional.empty(),
            false,
            new NextAction.NothingDue(),
            at("12:02:00")),
        Arguments.of(
            "a rotation requested inside the grace period waits for the grace end",
            true,
            (Consumer<TokenMeta>) meta -> {},
            new TokenSecretState(
                false, true, Optional.of(at("12:02:00")), Optional.empty(), Optional.empty()),
            Optional.of("2025-06-01T11:59:30Z"),
            false,
            new NextAction.NothingDue(),
            at("12:02:00")),
        Arguments.of(
            "a previous token without a recorded grace end is revoked now",
            true,
            (Consumer<TokenMeta>) meta -> {},
            new TokenSecretState(false, true, Optional.empty(), Optional.empty(), Optional.empty()),
            Optional.empty(),
            false,
            new NextAction.RevokePredecessor(false),
            at("12:30:00")),
        Arguments.of(
            "the Secret's newer rotation record wins over a status whose write failed",
            true,
            (Consumer<TokenMeta>) meta -> meta.setNextRotationAt("2025-06-01T11:00:00Z"),
            new TokenSecretState(
                false,
                false,
                Optional.empty(),
                Optional.of(at("11:00:00")),
                Optional.of(Instant.parse("2025-06-02T11:00:00Z"))),
            Optional.empty(),
            false,
            new NextAction.NothingDue(),
            at("12:30:00")),
        Arguments.of(
            "a health check is due an interval after the last one",
            true,
            (Consumer<TokenMeta>) meta -> meta.setLastCheckedAt("2025-06-01T11:00:00Z"),
            TokenSecretState.currentOnly(),
            Optional.empty(),
            false,
            new NextAction.CheckToken(),
            at("13:00:00")),
        Arguments.of(
            "a static token is checked but never rotated, even when asked",
            false,
            (Consumer<TokenMeta>)
                meta -> {
                  meta.setNextRotationAt(null);
                  meta.setLastCheckedAt(null);
                },
            TokenSecretState.currentOnly(),
            Optional.of("2025-06-01T11:59:00Z"),
            false,
            new NextAction.CheckToken(),
            at("13:00:00")),
        Arguments.of(
            "a static token between checks is idle",
            false,
            (Consumer<TokenMeta>) meta -> meta.setNextRotationAt(null),
            TokenSecretState.currentOnly(),
            Optional.empty(),
            false,
            new NextAction.NothingDue(),
            at("12:30:00")),
        Arguments.of(
            "the next rotation is the wake-up when it comes before the next check",
            true,
            (Consumer<TokenMeta>) meta -> meta.setNextRotationAt("2025-06-01T12:10:00Z"),
            TokenSecretState.currentOnly(),
            Optional.empty(),
            false,
            new NextAction.NothingDue(),
            at("12:10:00")),
        Arguments.of(
            "after a failed check the next one comes a minute later, not an hour",
            true,
            (Consumer<TokenMeta>) meta -> meta.setLastCheckedAt("2025-06-01T11:59:30Z"),
            TokenSecretState.currentOnly(),
            Optional.empty(),
            true,
            new NextAction.NothingDue(),
            at("12:00:30")),
        Arguments.of(
            "a failed check is repeated once the retry delay has passed",
            true,
            (Consumer<TokenMeta>) meta -> meta.setLastCheckedAt("2025-06-01T11:58:00Z"),
            TokenSecretState.currentOnly(),
            Optional.empty(),
            true,
            new NextAction.CheckToken(),
            at("12:01:00")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void plans(
      String sentence,
      boolean rotatable,
      Consumer<TokenMeta> change,
      TokenSecretState secret,
      Optional<String> rotateRequest,
      boolean lastCheckFailed,
      NextAction action,
      Instant wakeUpAt) {
    TokenMeta meta = new TokenMeta();
    meta.setLastRotationAt("2025-06-01T00:00:00Z");
    meta.setNextRotationAt("2025-06-02T00:00:00Z");
    meta.setLastCheckedAt("2025-06-01T11:30:00Z");
    change.accept(meta);

    ReconcilePlan plan =
        PLANNER.plan(rotatable, meta, secret, rotateRequest, lastCheckFailed, false, NOW);

    assertThat(plan.action()).isEqualTo(action);
    assertThat(plan.wakeUpAt()).isEqualTo(wakeUpAt);
    assertThat(plan.isIdle()).isEqualTo(action instanceof NextAction.NothingDue);
  }

  /** A failed rotation waiting for its back-off, with a retry at 12:05. */
  private static TokenMeta failedRotationWaitingForBackoff() {
    TokenMeta meta = new TokenMeta();
    meta.setLastRotationAt("2025-06-01T00:00:00Z");
    meta.setNextRotationAt("2025-06-01T12:05:00Z");
    meta.setLastCheckedAt("2025-06-01T11:59:00Z");
    meta.setLastRotationError("OpenBao failed while minting the successor: unknown role");
    meta.setConsecutiveFailures(3);
    return meta;
  }

  @Test
  void aSpecChangeRetriesAFailedRotationAtOnceInsteadOfAfterItsBackoff() {
    TokenMeta meta = failedRotationWaitingForBackoff();

    ReconcilePlan unchanged =
        PLANNER.plan(
            true, meta, TokenSecretState.currentOnly(), Optional.empty(), false, false, NOW);
    ReconcilePlan changed =
        PLANNER.plan(
            true, meta, TokenSecretState.currentOnly(), Optional.empty(), false, true, NOW);

    assertThat(unchanged.action()).isNotInstanceOf(NextAction.Rotate.class);
    assertThat(changed.action())
        .isEqualTo(new NextAction.Rotate(RotationTrigger.SPEC_CHANGED, false));
  }

  @Test
  void aSpecChangeWithoutAFailedRotationRotatesNothing() {
    TokenMeta meta = failedRotationWaitingForBackoff();
    meta.setConsecutiveFailures(0);
    meta.setLastRotationError(null);

    assertThat(
            PLANNER
                .plan(
                    true, meta, TokenSecretState.currentOnly(), Optional.empty(), false, true, NOW)
                .action())
        .isNotInstanceOf(NextAction.Rotate.class);
  }

  @Test
  void aSpecChangeRepeatsAFailedCheckAtOnce() {
    TokenMeta meta = failedRotationWaitingForBackoff();
    meta.setConsecutiveFailures(0);
    meta.setLastCheckedAt("2025-06-01T11:59:30Z");

    ReconcilePlan unchanged =
        PLANNER.plan(
            false, meta, TokenSecretState.currentOnly(), Optional.empty(), true, false, NOW);
    ReconcilePlan changed =
        PLANNER.plan(
            false, meta, TokenSecretState.currentOnly(), Optional.empty(), true, true, NOW);

    assertThat(unchanged.action()).isEqualTo(new NextAction.NothingDue());
    assertThat(changed.action()).isEqualTo(new NextAction.CheckToken());
  }

  @Test
  void aPromotedStagedTokenIsTheRotationThatWasDue() {
    TokenMeta meta = failedRotationWaitingForBackoff();
    meta.setNextRotationAt("2025-06-01T11:00:00Z");
    TokenSecretState staged =
        new TokenSecretState(true, false, Optional.empty(), Optional.empty(), Optional.empty());

    ReconcilePlan plan = PLANNER.plan(true, meta, staged, Optional.empty(), false, false, NOW);

    assertThat(plan.action())
        .isEqualTo(new NextAction.ResolveStaged(Optional.of(RotationTrigger.SCHEDULED), false));
  }

  @Test
  void aDueRotationRevokesAPredecessorPastItsGracePeriodFirst() {
    TokenMeta meta = failedRotationWaitingForBackoff();
    meta.setNextRotationAt("2025-06-01T11:00:00Z");
    TokenSecretState previous =
        new TokenSecretState(
            false, true, Optional.of(at("11:59:00")), Optional.empty(), Optional.empty());

    ReconcilePlan plan = PLANNER.plan(true, meta, previous, Optional.empty(), false, false, NOW);

    assertThat(plan.action()).isEqualTo(new NextAction.Rotate(RotationTrigger.SCHEDULED, true));
  }

  @Test
  void aPredecessorRevokedWhenTheCheckIsDueIsFollowedByTheCheck() {
    TokenMeta meta = failedRotationWaitingForBackoff();
    meta.setLastCheckedAt("2025-06-01T10:00:00Z");
    TokenSecretState previous =
        new TokenSecretState(
            false, true, Optional.of(at("11:59:00")), Optional.empty(), Optional.empty());

    ReconcilePlan plan = PLANNER.plan(true, meta, previous, Optional.empty(), false, false, NOW);

    assertThat(plan.action()).isEqualTo(new NextAction.RevokePredecessor(true));
  }

  @Test
  void aPredecessorHeldByPodsWaitsPastItsGracePeriodLookingAgainUntilTheDeadline() {
    TokenMeta meta = new TokenMeta();
    meta.setNextRotationAt("2025-06-02T12:00:00Z");
    meta.setLastCheckedAt("2025-06-01T11:59:00Z");
    TokenSecretState previous =
        new TokenSecretState(
            false, true, Optional.of(at("11:59:00")), Optional.empty(), Optional.empty());
    PredecessorHold held = new PredecessorHold(true, at("12:30:00"), at("12:00:30"));

    ReconcilePlan waiting =
        PLANNER.plan(true, meta, previous, Optional.empty(), false, false, held, NOW);

    assertThat(waiting.action()).isEqualTo(new NextAction.NothingDue());
    assertThat(waiting.wakeUpAt()).as("the next look at the pods").isEqualTo(at("12:00:30"));

    TokenSecretState inGrace =
        new TokenSecretState(
            false, true, Optional.of(at("12:00:05")), Optional.empty(), Optional.empty());
    ReconcilePlan justSwitched =
        PLANNER.plan(true, meta, inGrace, Optional.empty(), false, false, held, NOW);
    assertThat(justSwitched.wakeUpAt())
        .as("held or not, the pods are looked at when the grace period ends")
        .isEqualTo(at("12:00:05"));

    ReconcilePlan released =
        PLANNER.plan(
            true, meta, previous, Optional.empty(), false, false, PredecessorHold.none(), NOW);
    assertThat(released.action()).isEqualTo(new NextAction.RevokePredecessor(false));

    ReconcilePlan deadline =
        PLANNER.plan(true, meta, previous, Optional.empty(), false, false, held, at("12:30:00"));
    assertThat(deadline.action())
        .as("revoked anyway at the deadline")
        .isEqualTo(new NextAction.RevokePredecessor(false));
  }

  @Test
  void aRotateRequestThatRevokesThePreviousTokenDoesNotWaitForItsGracePeriod() {
    TokenMeta meta = new TokenMeta();
    meta.setNextRotationAt("2025-06-02T12:00:00Z");
    meta.setLastCheckedAt("2025-06-01T11:59:00Z");
    TokenSecretState inGrace =
        new TokenSecretState(
            false, true, Optional.of(at("12:30:00")), Optional.empty(), Optional.empty());
    Optional<String> request = Optional.of("2025-06-01T12:00:00Z");

    ReconcilePlan waits =
        PLANNER.plan(true, meta, inGrace, request, false, false, PredecessorHold.none(), NOW);
    ReconcilePlan now =
        PLANNER.plan(true, meta, inGrace, request, false, false, PredecessorHold.revokeNow(), NOW);

    assertThat(waits.action()).isEqualTo(new NextAction.NothingDue());
    assertThat(now.action())
        .isEqualTo(new NextAction.Rotate(RotationTrigger.REVOKE_PREVIOUS_REQUEST, true));
  }
}
