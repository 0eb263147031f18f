package io.mcpctl.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.tokensecret.PreviousSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  private static TokenSecretState stagedOnly() {
    return new TokenSecretState(true, List.of(), Optional.empty(), Optional.empty());
  }

  /** A Secret whose one previous token's grace period ends at {@code revokeAfter}. */
  private static TokenSecretState previousUntil(Instant revokeAfter) {
    return withPredecessors(
        new TokenSecretState.Predecessor(
            PreviousSlot.NEWEST, Optional.of(revokeAfter), Optional.of(at("11:57:00"))));
  }

  private static TokenSecretState previousWithoutGraceEnd() {
    return withPredecessors(
        new TokenSecretState.Predecessor(PreviousSlot.NEWEST, Optional.empty(), Optional.empty()));
  }

  private static TokenSecretState withPredecessors(TokenSecretState.Predecessor... predecessors) {
    return new TokenSecretState(false, List.of(predecessors), Optional.empty(), Optional.empty());
  }

  /** The previous token of {@code slot}, replaced at {@code retiredAt}, revoked after it. */
  private static TokenSecretState.Predecessor replaced(
      int slot, Instant retiredAt, Instant revokeAfter) {
    return new TokenSecretState.Predecessor(
        new PreviousSlot(slot), Optional.of(revokeAfter), Optional.of(retiredAt));
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
            new NextAction.Rotate(RotationTrigger.FIRST_SEEN),
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
            new NextAction.Rotate(RotationTrigger.SCHEDULED),
            at("12:30:00")),
        Arguments.of(
            "a next rotation exactly now is due",
            true,
            (Consumer<TokenMeta>) meta -> meta.setNextRotationAt("2025-06-01T12:00:00Z"),
            TokenSecretState.currentOnly(),
            Optional.empty(),
            false,
            new NextAction.Rotate(RotationTrigger.SCHEDULED),
            at("12:30:00")),
        Arguments.of(
            "a new rotate-annotation value asks for a rotation now",
            true,
            (Consumer<TokenMeta>) meta -> meta.setHandledRotateRequest("2025-06-01T10:00:00Z"),
            TokenSecretState.currentOnly(),
            Optional.of("2025-06-01T11:59:00Z"),
            false,
            new NextAction.Rotate(RotationTrigger.MANUAL_REQUEST),
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
            stagedOnly(),
            Optional.empty(),
            false,
            new NextAction.ResolveStaged(Optional.empty(), false),
            at("12:30:00")),
        Arguments.of(
            "a previous token past its grace period is revoked",
            true,
            (Consumer<TokenMeta>) meta -> {},
            previousUntil(at("11:59:00")),
            Optional.empty(),
            false,
            new NextAction.RevokePredecessors(Set.of(PreviousSlot.NEWEST), false),
            at("12:30:00")),
        Arguments.of(
            "a previous token inside its grace period waits, and the wake-up is the grace end",
            true,
            (Consumer<TokenMeta>) meta -> {},
            previousUntil(at("12:02:00")),
            Optional.empty(),
            false,
            new NextAction.NothingDue(),
            at("12:02:00")),
        Arguments.of(
            "a rotation requested inside the grace period runs now; the predecessor keeps its time",
            true,
            (Consumer<TokenMeta>) meta -> {},
            previousUntil(at("12:02:00")),
            Optional.of("2025-06-01T11:59:30Z"),
            false,
            new NextAction.Rotate(RotationTrigger.MANUAL_REQUEST),
            at("12:02:00")),
        Arguments.of(
            "a previous token without a recorded grace end is revoked now",
            true,
            (Consumer<TokenMeta>) meta -> {},
            previousWithoutGraceEnd(),
            Optional.empty(),
            false,
            new NextAction.RevokePredecessors(Set.of(PreviousSlot.NEWEST), false),
            at("12:30:00")),
        Arguments.of(
            "the Secret's newer rotation record wins over a status whose write failed",
            true,
            (Consumer<TokenMeta>) meta -> meta.setNextRotationAt("2025-06-01T11:00:00Z"),
            new TokenSecretState(
                false,
                List.of(),
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
    assertThat(changed.action()).isEqualTo(new NextAction.Rotate(RotationTrigger.SPEC_CHANGED));
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
  void aSpecChangeChecksAWorkingTokenAtOnceTooSinceItMayHaveBrokenIt() {
    TokenMeta meta = failedRotationWaitingForBackoff();
    meta.setConsecutiveFailures(0);
    meta.setLastRotationError(null);
    meta.setLastCheckedAt("2025-06-01T11:59:30Z");

    ReconcilePlan unchanged =
        PLANNER.plan(
            false, meta, TokenSecretState.currentOnly(), Optional.empty(), false, false, NOW);
    ReconcilePlan changed =
        PLANNER.plan(
            false, meta, TokenSecretState.currentOnly(), Optional.empty(), false, true, NOW);

    assertThat(unchanged.action()).isEqualTo(new NextAction.NothingDue());
    assertThat(changed.action()).isEqualTo(new NextAction.CheckToken());
  }

  @Test
  void aPromotedStagedTokenIsTheRotationThatWasDue() {
    TokenMeta meta = failedRotationWaitingForBackoff();
    meta.setNextRotationAt("2025-06-01T11:00:00Z");
    TokenSecretState staged = stagedOnly();

    ReconcilePlan plan = PLANNER.plan(true, meta, staged, Optional.empty(), false, false, NOW);

    assertThat(plan.action())
        .isEqualTo(new NextAction.ResolveStaged(Optional.of(RotationTrigger.SCHEDULED), false));
  }

  @Test
  void aDueRotationRevokesAPredecessorPastItsGracePeriodFirst() {
    TokenMeta meta = failedRotationWaitingForBackoff();
    meta.setNextRotationAt("2025-06-01T11:00:00Z");
    TokenSecretState previous = previousUntil(at("11:59:00"));

    ReconcilePlan plan = PLANNER.plan(true, meta, previous, Optional.empty(), false, false, NOW);

    assertThat(plan.action())
        .isEqualTo(new NextAction.Rotate(RotationTrigger.SCHEDULED, Set.of(PreviousSlot.NEWEST)));
  }

  @Test
  void aPredecessorRevokedWhenTheCheckIsDueIsFollowedByTheCheck() {
    TokenMeta meta = failedRotationWaitingForBackoff();
    meta.setLastCheckedAt("2025-06-01T10:00:00Z");
    TokenSecretState previous = previousUntil(at("11:59:00"));

    ReconcilePlan plan = PLANNER.plan(true, meta, previous, Optional.empty(), false, false, NOW);

    assertThat(plan.action())
        .isEqualTo(new NextAction.RevokePredecessors(Set.of(PreviousSlot.NEWEST), true));
  }

  @Test
  void aPredecessorHeldByPodsWaitsPastItsGracePeriodLookingAgainUntilTheDeadline() {
    TokenMeta meta = new TokenMeta();
    meta.setNextRotationAt("2025-06-02T12:00:00Z");
    meta.setLastCheckedAt("2025-06-01T11:59:00Z");
    TokenSecretState previous = previousUntil(at("11:59:00"));
    PredecessorHold held =
        PredecessorHold.held(Map.of(PreviousSlot.NEWEST, at("12:30:00")), at("12:00:30"));

    ReconcilePlan waiting =
        PLANNER.plan(true, meta, previous, Optional.empty(), false, false, held, NOW);

    assertThat(waiting.action()).isEqualTo(new NextAction.NothingDue());
    assertThat(waiting.wakeUpAt()).as("the next look at the pods").isEqualTo(at("12:00:30"));

    TokenSecretState inGrace = previousUntil(at("12:00:05"));
    ReconcilePlan justSwitched =
        PLANNER.plan(true, meta, inGrace, Optional.empty(), false, false, held, NOW);
    assertThat(justSwitched.wakeUpAt())
        .as("held or not, the pods are looked at when the grace period ends")
        .isEqualTo(at("12:00:05"));

    ReconcilePlan released =
        PLANNER.plan(
            true, meta, previous, Optional.empty(), false, false, PredecessorHold.none(), NOW);
    assertThat(released.action())
        .isEqualTo(new NextAction.RevokePredecessors(Set.of(PreviousSlot.NEWEST), false));

    ReconcilePlan deadline =
        PLANNER.plan(true, meta, previous, Optional.empty(), false, false, held, at("12:30:00"));
    assertThat(deadline.action())
        .as("revoked anyway at the deadline")
        .isEqualTo(new NextAction.RevokePredecessors(Set.of(PreviousSlot.NEWEST), false));
  }

  @Test
  void aRotateRequestThatRevokesThePreviousTokenRevokesItFirst() {
    TokenMeta meta = new TokenMeta();
    meta.setNextRotationAt("2025-06-02T12:00:00Z");
    meta.setLastCheckedAt("2025-06-01T11:59:00Z");
    TokenSecretState inGrace = previousUntil(at("12:30:00"));
    Optional<String> request = Optional.of("2025-06-01T12:00:00Z");

    ReconcilePlan waits =
        PLANNER.plan(true, meta, inGrace, request, false, false, PredecessorHold.none(), NOW);
    ReconcilePlan now =
        PLANNER.plan(true, meta, inGrace, request, false, false, PredecessorHold.revokeNow(), NOW);

    assertThat(waits.action()).isEqualTo(new NextAction.Rotate(RotationTrigger.MANUAL_REQUEST));
    assertThat(now.action())
        .isEqualTo(
            new NextAction.Rotate(
                RotationTrigger.REVOKE_PREVIOUS_REQUEST, Set.of(PreviousSlot.NEWEST)));
  }

  @Test
  void eachPreviousTokenIsRevokedAtItsOwnTime() {
    TokenMeta meta = new TokenMeta();
    meta.setNextRotationAt("2025-06-02T12:00:00Z");
    meta.setLastCheckedAt("2025-06-01T11:59:00Z");
    TokenSecretState two =
        withPredecessors(
            replaced(2, at("11:50:00"), at("11:52:00")),
            replaced(1, at("11:59:00"), at("12:01:00")));

    ReconcilePlan plan = PLANNER.plan(true, meta, two, Optional.empty(), false, false, NOW);

    assertThat(plan.action())
        .isEqualTo(new NextAction.RevokePredecessors(Set.of(new PreviousSlot(2)), false));
    assertThat(plan.wakeUpAt()).as("the other one's grace end").isEqualTo(at("12:01:00"));
    assertThat(two.predecessors().get(0).slot()).as("newest first").isEqualTo(PreviousSlot.NEWEST);
  }

  @Test
  void aRotationWaitsOnlyWhenEverySlotIsTakenAndNoneIsDue() {
    TokenMeta meta = new TokenMeta();
    meta.setNextRotationAt("2025-06-02T12:00:00Z");
    meta.setLastCheckedAt("2025-06-01T11:59:00Z");
    Optional<String> request = Optional.of("2025-06-01T12:00:00Z");
    TokenSecretState.Predecessor[] inGrace =
        PreviousSlot.all().stream()
            .map(
                slot ->
                    replaced(
                        slot.number(),
                        at("11:5" + slot.number() + ":00"),
                        at("12:0" + slot.number() + ":00")))
            .toArray(TokenSecretState.Predecessor[]::new);
    TokenSecretState full = withPredecessors(inGrace);

    ReconcilePlan waits = PLANNER.plan(true, meta, full, request, false, false, NOW);
    ReconcilePlan oneDue = PLANNER.plan(true, meta, full, request, false, false, at("12:01:00"));
    ReconcilePlan leak =
        PLANNER.plan(true, meta, full, request, false, false, PredecessorHold.revokeNow(), NOW);

    assertThat(full.slotsFull()).isTrue();
    assertThat(waits.action()).isEqualTo(new NextAction.NothingDue());
    assertThat(waits.wakeUpAt()).as("the first grace end frees a slot").isEqualTo(at("12:01:00"));
    assertThat(oneDue.action())
        .isEqualTo(
            new NextAction.Rotate(RotationTrigger.MANUAL_REQUEST, Set.of(PreviousSlot.NEWEST)));
    assertThat(leak.action())
        .isEqualTo(
            new NextAction.Rotate(
                RotationTrigger.REVOKE_PREVIOUS_REQUEST, Set.copyOf(PreviousSlot.all())));
  }

  @Test
  void podsHoldOnlyTheSlotsTheyHoldAToken() {
    TokenMeta meta = new TokenMeta();
    meta.setNextRotationAt("2025-06-02T12:00:00Z");
    meta.setLastCheckedAt("2025-06-01T11:59:00Z");
    TokenSecretState two =
        withPredecessors(
            replaced(2, at("11:50:00"), at("11:52:00")),
            replaced(1, at("11:55:00"), at("11:57:00")));
    PredecessorHold olderHeld =
        PredecessorHold.held(Map.of(new PreviousSlot(2), at("12:50:00")), at("12:00:30"));

    ReconcilePlan plan =
        PLANNER.plan(true, meta, two, Optional.empty(), false, false, olderHeld, NOW);

    assertThat(plan.action())
        .isEqualTo(new NextAction.RevokePredecessors(Set.of(PreviousSlot.NEWEST), false));
    assertThat(plan.wakeUpAt()).as("the next look at the pods").isEqualTo(at("12:00:30"));
  }
}
