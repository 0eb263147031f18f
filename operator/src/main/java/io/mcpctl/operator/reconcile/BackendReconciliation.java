package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.operator.rotation.ActionRunner;
import io.mcpctl.operator.rotation.AllowedOpenBaoAddresses;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.rotation.Failure;
import io.mcpctl.operator.rotation.FailureKind;
import io.mcpctl.operator.rotation.ReconcileReport;
import io.mcpctl.operator.rotation.RotationLimiter;
import io.mcpctl.operator.rotation.SlotWaiters;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.operator.rotation.TokenSecretCheck;
import io.mcpctl.operator.rotation.TokenSecretStore;
import io.mcpctl.schedule.NextAction;
import io.mcpctl.schedule.PredecessorHold;
import io.mcpctl.schedule.ReconcilePlan;
import io.mcpctl.schedule.ReconcilePlanner;
import io.mcpctl.schedule.RotationTimes;
import io.mcpctl.schedule.RotationTrigger;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.spec.SpecValidator;
import io.mcpctl.spec.ValidatedSpec;
import io.mcpctl.time.Rfc3339;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * One reconcile of one backend, without JOSDK: load → decide once ({@link ReconcilePlanner}) →
 * perform the one action ({@link ActionRunner}) → build the status in one place. A plan with
 * nothing due calls no OpenBao and writes nothing; it only reads the token Secret (and the CA
 * Secret, if any).
 */
public final class BackendReconciliation {

  /** Rolling restarts the operator starts per second, across every backend. */
  private static final int RESTARTS_PER_SECOND = 5;

  private final Clock clock;
  private final ReconcilePlanner planner;
  private final ActionRunner runner;
  private final RotationLimiter limiter;
  private final BiFunction<SecretBackend, ValidatedSpec, BackendTarget> targets;
  private final AllowedOpenBaoAddresses addresses;
  private final TokenSecretStore secrets;
  private final NextVisit nextVisit;
  private final StatusBuilder statuses;
  private final DuplicateDefaults duplicateDefaults;
  private final Duration warningWindow;
  private final ConsumerCheck consumerCheck;
  private final CheckRecords checks;
  private final SlotWaiters slotWaiters;
  private final NamespaceShare namespaces;

  public BackendReconciliation(
      Clock clock,
      ReconcilePlanner planner,
      ActionRunner runner,
      RotationLimiter limiter,
      BiFunction<SecretBackend, ValidatedSpec, BackendTarget> targets,
      AllowedOpenBaoAddresses addresses,
      TokenSecretStore secrets,
      RotationTimes times,
      RandomGenerator random,
      TokenHealthEvaluator evaluator,
      TokenConsumers consumers,
      SlotWaiters slotWaiters,
      NamespaceShare namespaces) {
    this.clock = clock;
    this.namespaces = namespaces;
    this.slotWaiters = slotWaiters;
    this.planner = planner;
    this.runner = runner;
    this.limiter = limiter;
    this.targets = targets;
    this.addresses = addresses;
    this.secrets = secrets;
    this.nextVisit = new NextVisit(planner, times, random);
    this.statuses = new StatusBuilder(evaluator);
    this.warningWindow = evaluator.warningWindow();
    this.checks = new CheckRecords(planner.healthCheckInterval(), random);
    // The planner's retry, so that a failed reconcile comes back exactly when it repeats a check.
    this.duplicateDefaults = new DuplicateDefaults(clock, planner.failedCheckRetry());
    // Pods holding a previous token are counted again as often as a failed check is repeated.
    this.consumerCheck =
        new ConsumerCheck(
            consumers,
            planner.failedCheckRetry(),
            RestartPacer.systemPaced(clock, RESTARTS_PER_SECOND));
  }

  /**
   * @param sameNamespace the namespace's SecretBackends, listed only when needed
   * @throws InvalidSpecException when the spec breaks a rule (the message names the field)
   */
  public ReconcileOutcome reconcile(
      SecretBackend backend, Supplier<? extends Collection<SecretBackend>> sameNamespace)
      throws InvalidSpecException {
    // Whatever this reconcile finds (an invalid spec, nothing due), a wake-up it answers holds
    // no claim on a slot any more.
    slotWaiters.back(key(backend));
    ReconcileOutcome outcome =
        duplicateDefaults.apply(backend, reconcileAlone(backend), sameNamespace);
    outcome.report().checkedAt().ifPresent(at -> checks.checked(backend, at));
    return outcome.withStatus(
        QuietStatus.settle(backend.getStatus(), outcome.status(), clock.instant(), warningWindow));
  }

  /** Drops what is remembered of a deleted backend. */
  public void forget(SecretBackend backend) {
    checks.forget(backend);
    slotWaiters.stopWaiting(key(backend));
    consumerCheck.forget(Cache.metaNamespaceKeyFunc(backend));
  }

  private static SlotWaiters.BackendKey key(SecretBackend backend) {
    return new SlotWaiters.BackendKey(
        backend.getMetadata().getNamespace(), backend.getMetadata().getName());
  }

  /**
   * The status after a reconcile that failed in a way nobody expected: Ready=False, reason
   * ReconcileError, with a message that never quotes the failure's own text (a library's message
   * may hold what it was parsing).
   */
  public SecretBackendStatus unexpectedFailureStatus(SecretBackend backend, String message) {
    return statuses.reconcileError(backend, message, clock.instant());
  }

  /** The status of a backend whose spec breaks a rule: Ready=False, reason InvalidSpec. */
  public SecretBackendStatus invalidSpecStatus(SecretBackend backend, String problem) {
    return statuses.invalidSpec(backend, problem, clock.instant());
  }

  private ReconcileOutcome reconcileAlone(SecretBackend backend) throws InvalidSpecException {
    Instant now = clock.instant();
    SpecValidator.Result validation = SpecValidator.validate(backend.getSpec());
    ValidatedSpec spec =
        validation
            .spec()
            .orElseThrow(() -> new InvalidSpecException(validation.problem().orElseThrow()));
    if (spec.type() == BackendType.KUBERNETES) {
      return new ReconcileOutcome(
          statuses.kubernetes(backend, now), List.of(), Duration.ZERO, new ReconcileReport());
    }
    // Before anything is read or sent: the address is the namespace's choice, the list the
    // operator's administrators'.
    Optional<String> refused = addresses.refusal(spec.openbao().orElseThrow().getAddress());
    if (refused.isPresent()) {
      throw new InvalidSpecException(refused.get());
    }
    PlanInputs inputs =
        PlanInputs.of(
            backend, spec.isRotatable(), checks.lastChecked(backend, recordedCheck(backend), now));
    return outcome(backend, inputs, act(backend, spec, inputs, now), now);
  }

  private static Optional<Instant> recordedCheck(SecretBackend backend) {
    return Optional.ofNullable(backend.getStatus())
        .map(status -> status.getTokenMeta())
        .flatMap(meta -> Rfc3339.parse(meta.getLastCheckedAt()));
  }

  /** How a reconcile of an OpenBao backend ended, before its status is built. */
  private enum Ending {
    /** Every rotation slot was taken: nothing done, a turn to come back at. */
    NO_SLOT,
    /** The namespace had all the OpenBao calls it may have under way: nothing done. */
    NAMESPACE_BUSY,
    /** The Secret or its CA cannot be used; nothing it holds was sent anywhere. */
    UNUSABLE,
    /** The plan's action ran (or nothing was due). */
    PLANNED
  }

  /**
   * What the reconcile did: the report, the Secret as it left it, the plan it followed, and the
   * token's consumers as last seen with whether they hold the previous token the Secret keeps.
   */
  private record Acted(
      Ending ending,
      ReconcileReport report,
      TokenSecretState secretState,
      Optional<ReconcilePlan> plan,
      Optional<String> handledRequest,
      PredecessorHold hold,
      ConsumersCondition.Findings consumers) {

    static Acted without(Ending ending, ReconcileReport report, TokenSecretState secretState) {
      return new Acted(
          ending,
          report,
          secretState,
          Optional.empty(),
          Optional.empty(),
          PredecessorHold.none(),
          new ConsumersCondition.Findings(
              Optional.empty(), PredecessorHold.none(), Optional.empty(), false));
    }
  }

  /** Load → decide once → perform the one action. */
  private Acted act(SecretBackend backend, ValidatedSpec spec, PlanInputs inputs, Instant now) {
    ReconcileReport report = new ReconcileReport();
    if (limiter.atCapacity() && inputs.rotationDueByStatus(now)) {
      // The Secret can only hold a rotation back, never make one due, so a backend whose status
      // says it is due waits for a slot without a read: after a restart with many overdue
      // backends, those waiting come back several times each.
      return Acted.without(Ending.NO_SLOT, report, TokenSecretState.currentOnly());
    }
    BackendTarget target;
    try {
      target = targets.apply(backend, spec);
    } catch (IllegalArgumentException unusable) {
      report.tokenProblem(Failure.of(FailureKind.SECRET_MISSING, unusable.getMessage()));
      return Acted.without(Ending.UNUSABLE, report, TokenSecretState.currentOnly());
    }
    Optional<TokenSecret> read =
        secrets.read(target.namespace(), target.tokenSecretRef().getName());
    Optional<Failure> unusable = TokenSecretCheck.unusable(target, read);
    if (unusable.isPresent()) {
      // Nothing the Secret holds is read any further, let alone sent to OpenBao.
      report.tokenProblem(unusable.get());
      return Acted.without(Ending.UNUSABLE, report, TokenSecretState.currentOnly());
    }
    TokenSecret secret = read.get();
    Optional<ConsumersSeen> consumers =
        inputs.rotatable()
            ? consumerCheck.whilePredecessorHeld(target, secret.state())
            : Optional.empty();
    consumers.ifPresent(seen -> consumerCheck.resumeRestarts(target, secret, seen, report, now));
    if (inputs.rotatable()) {
      consumerCheck.sendRoundPutOff(target, secret.state(), report, now);
    }
    boolean revokeAtOnce = inputs.revokePreviousRequested(backend);
    PredecessorHold hold =
        revokeAtOnce ? PredecessorHold.revokeNow() : consumerCheck.hold(consumers, target, now);
    ReconcilePlan plan = inputs.plan(planner, secret.state(), hold, now);
    NextAction action = plan.action();
    Optional<String> handled = Optional.empty();
    if (action.rotation().isPresent()) {
      String namespace = backend.getMetadata().getNamespace();
      Optional<RotationLimiter.Permit> permit =
          limiter.tryAcquire(namespace, slotWaiters.anyWaitingOutside(namespace));
      if (permit.isEmpty()) {
        if (limiter.leavesASlotToOthers(namespace)) {
          slotWaiters.wakeNextOutside(namespace);
        }
        return Acted.without(Ending.NO_SLOT, report, secret.state());
      }
      slotWaiters.stopWaiting(key(backend));
      try (RotationLimiter.Permit held = permit.get()) {
        runner.perform(action, target, secret, inputs.known(), report);
      }
      // A deferred rotation has not acted on the request yet; it stays pending.
      if ((action.rotation().get() == RotationTrigger.MANUAL_REQUEST
              || action.rotation().get() == RotationTrigger.REVOKE_PREVIOUS_REQUEST)
          && report.deferredUntil().isEmpty()) {
        handled = inputs.rotateRequest().map(String::strip);
      }
    } else if (action instanceof NextAction.NothingDue) {
      runner.perform(action, target, secret, inputs.known(), report);
    } else {
      // A check, a revocation or a staged token's recovery waits on the namespace's OpenBao; the
      // limiter paces rotations, the namespace's share the rest.
      Optional<NamespaceShare.Entered> entered =
          namespaces.tryEnter(backend.getMetadata().getNamespace());
      if (entered.isEmpty()) {
        return Acted.without(Ending.NAMESPACE_BUSY, report, secret.state());
      }
      try (NamespaceShare.Entered held = entered.get()) {
        runner.perform(action, target, secret, inputs.known(), report);
      }
    }
    // What the steps last read or wrote is what the Secret holds: no GET of our own write. Only
    // after a failed write, which may have happened anyway, is the Secret read again.
    TokenSecretState after =
        report
            .secretState()
            .orElseGet(
                () ->
                    secrets
                        .read(target.namespace(), target.tokenSecretRef().getName())
                        .map(TokenSecret::state)
                        .orElse(TokenSecretState.currentOnly()));
    Optional<String> revokedInUse =
        consumerCheck.revokedInUse(consumers, hold, secret.state(), after);
    revokedInUse.ifPresent(
        holders ->
            report.event(
                "Warning",
                "PreviousTokenRevokedInUse",
                "A previous token was revoked while pods that read the token only at start still"
                    + " hold it, because consumers.maxRevokeDelay ran out: "
                    + holders
                    + " will fail until restarted."));
    if (report.rotated().isPresent()) {
      consumers =
          Optional.of(
              consumerCheck.afterSwitch(
                  target, report.rotated().get().switchedAt(), after, report, now));
      hold = consumerCheck.hold(consumers, target, now);
      if (revokeAtOnce) {
        consumerCheck.reportRevokedOnRequest(consumers.get(), report);
      }
    }
    // The same look the ConsumersOnCurrentToken condition is built from, for the metric.
    consumers
        .filter(seen -> seen.unlisted().isEmpty())
        .ifPresent(seen -> report.consumersLookedAt(seen.holdingPrevious().size()));
    return new Acted(
        Ending.PLANNED,
        report,
        after,
        Optional.of(plan),
        handled,
        hold,
        new ConsumersCondition.Findings(
            consumers, hold, revokedInUse, revokeAtOnce && report.rotated().isPresent()));
  }

  /** The one place a reconcile's status, events and next visit are built. */
  private ReconcileOutcome outcome(
      SecretBackend backend, PlanInputs inputs, Acted acted, Instant now) {
    ReconcileReport report = acted.report();
    Optional<Instant> retryAt =
        report
            .rotationFailure()
            .map(failure -> nextVisit.rotationRetryAt(inputs.failuresSoFar(), failure, now));
    SecretBackendStatus status =
        statuses.openbao(
            backend,
            report,
            new StatusBuilder.Decisions(
                inputs.rotatable(), acted.handledRequest(), retryAt, acted.secretState()),
            now);
    Long generation = backend.getMetadata().getGeneration();
    status.setConditions(
        ConsumersCondition.conditions(status.getConditions(), acted.consumers(), generation, now));
    if (acted.ending() == Ending.PLANNED && inputs.rotatable()) {
      status.setConditions(
          PreviousTokensCondition.conditions(
              status.getConditions(), acted.secretState(), acted.hold(), generation, now));
    }
    if (acted.ending() == Ending.NAMESPACE_BUSY) {
      // The due check or revocation was not done: neither the spec nor the token counts as seen
      // anew, so the conditions stay as they were (Ready only says what a check found). A wait in
      // line for a rotation slot, if any, goes on.
      SecretBackendStatus before = backend.getStatus();
      status.setObservedGeneration(before == null ? null : before.getObservedGeneration());
      status.setConditions(
          before == null
              ? ReadyCondition.replace(
                  List.of(),
                  false,
                  ReadyReasons.NAMESPACE_BUSY,
                  "Not checked yet: as many checks and revocations of namespace "
                      + backend.getMetadata().getNamespace()
                      + " wait on OpenBao as the operator lets one namespace have; this one runs"
                      + " when one of them ends.",
                  generation,
                  now)
              : before.getConditions().stream()
                  .map(condition -> new ConditionBuilder(condition).build())
                  .collect(Collectors.toCollection(ArrayList::new)));
      return new ReconcileOutcome(status, report.events(), nextVisit.whenNamespaceBusy(), report);
    }
    if (acted.ending() != Ending.NO_SLOT) {
      // Also one that waited, was woken, and found nothing due any more: it must not keep other
      // namespaces to their share.
      slotWaiters.stopWaiting(key(backend));
    }
    if (acted.ending() == Ending.NO_SLOT) {
      slotWaiters.waitForSlot(key(backend));
      // The status keeps its observedGeneration, so that a spec change that made the rotation due
      // still counts when the turn comes.
      if (backend.getStatus() != null) {
        status.setObservedGeneration(backend.getStatus().getObservedGeneration());
      }
      if (!ReadyCondition.saysWhatACheckFound(backend)) {
        // Nothing was looked at: a Secret that is missing or unbound must not read as working.
        status.setConditions(
            ReadyCondition.replace(
                status.getConditions(),
                false,
                ReadyReasons.WAITING_FOR_ROTATION_SLOT,
                "Not checked yet: its rotation waits for a free rotation slot (the operator runs"
                    + " only so many at once, and so many a second); it is checked and rotated"
                    + " when one frees.",
                generation,
                now));
      }
      // Events of restarts resumed before the slot was refused are this reconcile's all the same.
      return new ReconcileOutcome(status, report.events(), limiter.waitHint(), report);
    }
    PolicyBreadth.announce(backend, status, report);
    PeriodCap.announce(backend, status, report);
    Duration wait =
        acted
            .plan()
            .map(
                plan ->
                    nextVisit.afterPlan(
                        plan,
                        inputs.after(status),
                        acted.secretState(),
                        acted.hold(),
                        report,
                        retryAt,
                        now))
            .orElse(planner.failedCheckRetry());
    if (consumerCheck.roundPutOff(Cache.metaNamespaceKeyFunc(backend))
        && wait.compareTo(planner.failedCheckRetry()) > 0) {
      // A round of restarts waits for another of the namespace: look again soon to send it.
      wait = planner.failedCheckRetry();
    }
    return new ReconcileOutcome(status, report.events(), wait, report);
  }
}
