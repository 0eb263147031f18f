package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.rotation.Failure;
import io.mcpctl.operator.rotation.FailureKind;
import io.mcpctl.operator.rotation.ReconcileReport;
import io.mcpctl.operator.rotation.RotationLimiter;
import io.mcpctl.operator.rotation.Rotator;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.operator.rotation.TokenSecretCheck;
import io.mcpctl.operator.rotation.TokenSecretStore;
import io.mcpctl.schedule.ReconcilePlan;
import io.mcpctl.schedule.ReconcilePlanner;
import io.mcpctl.schedule.RotationTimes;
import io.mcpctl.schedule.RotationTrigger;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.spec.SpecValidator;
import io.mcpctl.spec.ValidatedSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/**
 * One reconcile of one backend, without JOSDK: load → decide → act → build status. The decision is
 * the pure {@link ReconcilePlanner}; the work is the {@link Rotator}'s. A plan with nothing due
 * calls no OpenBao and writes nothing; it only reads the token Secret (and the CA Secret, if any).
 */
public final class BackendReconciliation {

  private static final Duration MIN_RESCHEDULE = Duration.ofSeconds(1);
  private static final Set<String> FAILED_CHECK_REASONS =
      Set.of(
          ReadyReasons.SEALED,
          ReadyReasons.STANDBY,
          ReadyReasons.UNREACHABLE,
          ReadyReasons.TOKEN_REJECTED,
          ReadyReasons.SECRET_MISSING,
          ReadyReasons.SECRET_INVALID,
          ReadyReasons.SECRET_NOT_BOUND,
          ReadyReasons.KV_ACCESS_DENIED,
          ReadyReasons.RECONCILE_ERROR);

  private final Clock clock;
  private final ReconcilePlanner planner;
  private final Rotator rotator;
  private final RotationLimiter limiter;
  private final BiFunction<SecretBackend, ValidatedSpec, BackendTarget> targets;
  private final TokenSecretStore secrets;
  private final RotationTimes times;
  private final RandomGenerator random;
  private final StatusBuilder statuses;
  private final Duration failedCheckRetry;
  private final DuplicateDefaults duplicateDefaults;

  public BackendReconciliation(
      Clock clock,
      ReconcilePlanner planner,
      Rotator rotator,
      RotationLimiter limiter,
      BiFunction<SecretBackend, ValidatedSpec, BackendTarget> targets,
      TokenSecretStore secrets,
      RotationTimes times,
      RandomGenerator random,
      TokenHealthEvaluator evaluator) {
    this.clock = clock;
    this.planner = planner;
    this.rotator = rotator;
    this.limiter = limiter;
    this.targets = targets;
    this.secrets = secrets;
    this.times = times;
    this.random = random;
    this.statuses = new StatusBuilder(evaluator);
    // The planner's retry, so that a failed reconcile comes back exactly when it repeats a check.
    this.failedCheckRetry = planner.failedCheckRetry();
    this.duplicateDefaults = new DuplicateDefaults(clock, failedCheckRetry);
  }

  /**
   * @throws InvalidSpecException when the spec breaks a rule (the message names the field)
   */
  public ReconcileOutcome reconcile(SecretBackend backend, Collection<SecretBackend> sameNamespace)
      throws InvalidSpecException {
    return duplicateDefaults.apply(backend, reconcileAlone(backend), sameNamespace);
  }

  private ReconcileOutcome reconcileAlone(SecretBackend backend) throws InvalidSpecException {
    Instant now = clock.instant();
    SpecValidator.Result validation = SpecValidator.validate(backend.getSpec());
    ValidatedSpec spec =
        validation
            .spec()
            .orElseThrow(() -> new InvalidSpecException(validation.problem().orElseThrow()));
    ReconcileReport report = new ReconcileReport();
    if (spec.type() == BackendType.KUBERNETES) {
      return new ReconcileOutcome(
          statuses.kubernetes(backend, now), List.of(), Duration.ZERO, report);
    }
    TokenMeta known = StatusBuilder.copy(tokenMeta(backend));
    Optional<String> rotateRequest = rotateRequest(backend);
    boolean specChanged = specChanged(backend);
    if (waitsForASlot(spec, known, rotateRequest, specChanged, now)) {
      // The Secret can only hold a rotation back, never make one due, so a backend whose status
      // says it is due waits for a slot without a read: after a restart with many overdue
      // backends, those waiting come back several times each.
      return refused(backend, spec, report, TokenSecretState.currentOnly(), now);
    }
    BackendTarget target;
    try {
      target = targets.apply(backend, spec);
    } catch (IllegalArgumentException unusable) {
      report.tokenProblem(Failure.of(FailureKind.SECRET_MISSING, unusable.getMessage()));
      return retrySoon(backend, spec, report, TokenSecretState.currentOnly(), now);
    }
    Optional<TokenSecret> secret =
        secrets.read(target.namespace(), target.tokenSecretRef().getName());
    Optional<Failure> unusable = TokenSecretCheck.unusable(target, secret);
    if (unusable.isPresent()) {
      // Nothing the Secret holds is read any further, let alone sent to OpenBao.
      report.tokenProblem(unusable.get());
      return retrySoon(backend, spec, report, TokenSecretState.currentOnly(), now);
    }
    ReconcilePlan plan =
        planner.plan(
            spec.isRotatable(),
            known,
            secret.get().state(),
            rotateRequest,
            lastCheckFailed(backend),
            specChanged,
            now);
    if (plan.isIdle()) {
      return finish(backend, spec, report, Optional.empty(), secret.get().state(), plan, now);
    }
    Optional<String> handled = Optional.empty();
    if (plan.rotation().isPresent()) {
      Optional<RotationLimiter.Permit> permit = limiter.tryAcquire();
      if (permit.isEmpty()) {
        return refused(backend, spec, report, secret.get().state(), now);
      }
      try (RotationLimiter.Permit held = permit.get()) {
        rotator.rotate(target, secret.get(), known, report);
      }
      // A deferred rotation has not acted on the request yet; it stays pending.
      if (plan.rotation().get() == RotationTrigger.MANUAL_REQUEST
          && report.deferredUntil().isEmpty()) {
        handled = rotateRequest.map(String::strip);
      }
    } else {
      Optional<TokenSecret> current = secret;
      if (!plan.recovery().isEmpty()) {
        current = rotator.recover(target, secret.get(), known, report);
      }
      if (plan.healthCheck()) {
        current.ifPresentOrElse(
            read -> rotator.check(target, read, known, report),
            () -> rotator.check(target, known, report));
      }
    }
    // What the rotator last read or wrote is what the Secret holds: no GET of our own write. Only
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
    return finish(backend, spec, report, handled, after, plan, now);
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

  private ReconcileOutcome finish(
      SecretBackend backend,
      ValidatedSpec spec,
      ReconcileReport report,
      Optional<String> handled,
      TokenSecretState secretState,
      ReconcilePlan plan,
      Instant now) {
    Optional<Instant> retryAt =
        report
            .rotationFailure()
            .map(
                failure ->
                    now.plus(
                        times.backoff(failuresSoFar(backend) + 1, failure.retryAfter(), random)));
    SecretBackendStatus status =
        statuses.openbao(backend, report, decisions(spec, handled, retryAt, secretState), now);
    announcePolicyTooBroad(backend, status, report);
    if (plan.isIdle()) {
      return new ReconcileOutcome(status, report.events(), until(plan.wakeUpAt(), now), report);
    }
    SecretBackend updated = withStatus(backend, status);
    ReconcilePlan next =
        planner.plan(
            spec.isRotatable(),
            status.getTokenMeta(),
            secretState,
            rotateRequest(updated),
            lastCheckFailed(updated),
            false,
            now);
    Duration wait;
    if (next.isIdle()) {
      wait = until(next.wakeUpAt(), now);
    } else if (report.deferredUntil().isPresent()) {
      wait = until(report.deferredUntil().get(), now);
    } else if (report.revokeFailures().isEmpty()) {
      wait = MIN_RESCHEDULE;
    } else {
      // A revocation keeps failing: retry after a back-off, but keep checking the token meanwhile.
      Duration backoff = times.backoff(report.revokeFailures().size(), Optional.empty(), random);
      Duration untilCheck = until(next.nextCheckAt(), now);
      wait = backoff.compareTo(untilCheck) < 0 ? backoff : untilCheck;
    }
    return new ReconcileOutcome(status, report.events(), wait, report);
  }

  /** A Warning event when the token's policy is first found to reach other namespaces. */
  private static void announcePolicyTooBroad(
      SecretBackend backend, SecretBackendStatus status, ReconcileReport report) {
    Optional<Condition> now =
        ReadyCondition.of(status, ReadyReasons.POLICY_TOO_BROAD_CONDITION)
            .filter(condition -> "True".equals(condition.getStatus()));
    boolean before =
        ReadyCondition.of(backend.getStatus(), ReadyReasons.POLICY_TOO_BROAD_CONDITION)
            .filter(condition -> "True".equals(condition.getStatus()))
            .isPresent();
    if (now.isPresent() && !before) {
      report.event("Warning", "PolicyTooBroad", now.get().getMessage());
    }
  }

  /**
   * Whether a rotation is due by the status alone while every rotation slot is taken, so that the
   * limiter would refuse it anyway.
   */
  private boolean waitsForASlot(
      ValidatedSpec spec,
      TokenMeta known,
      Optional<String> rotateRequest,
      boolean specChanged,
      Instant now) {
    return spec.isRotatable()
        && limiter.atCapacity()
        && ReconcilePlanner.rotationDue(
                known, TokenSecretState.currentOnly(), rotateRequest, specChanged, now)
            .isPresent();
  }

  /**
   * A rotation the limiter refused: the status as it stands, and a turn to come back at. The status
   * keeps its observedGeneration, so that a spec change that made the rotation due still counts
   * when the turn comes.
   */
  private ReconcileOutcome refused(
      SecretBackend backend,
      ValidatedSpec spec,
      ReconcileReport report,
      TokenSecretState secretState,
      Instant now) {
    SecretBackendStatus unchanged =
        statuses.openbao(
            backend, report, decisions(spec, Optional.empty(), Optional.empty(), secretState), now);
    if (backend.getStatus() != null) {
      unchanged.setObservedGeneration(backend.getStatus().getObservedGeneration());
    }
    return new ReconcileOutcome(unchanged, List.of(), limiter.waitHint(), report);
  }

  private ReconcileOutcome retrySoon(
      SecretBackend backend,
      ValidatedSpec spec,
      ReconcileReport report,
      TokenSecretState secretState,
      Instant now) {
    SecretBackendStatus status =
        statuses.openbao(
            backend, report, decisions(spec, Optional.empty(), Optional.empty(), secretState), now);
    return new ReconcileOutcome(status, report.events(), failedCheckRetry, report);
  }

  private static StatusBuilder.Decisions decisions(
      ValidatedSpec spec,
      Optional<String> handled,
      Optional<Instant> retryAt,
      TokenSecretState secretState) {
    return new StatusBuilder.Decisions(spec.isRotatable(), handled, retryAt, secretState);
  }

  private static Duration until(Instant wakeUpAt, Instant now) {
    Duration wait = Duration.between(now, wakeUpAt);
    return wait.compareTo(MIN_RESCHEDULE) < 0 ? MIN_RESCHEDULE : wait;
  }

  private static Optional<String> rotateRequest(SecretBackend backend) {
    return Optional.ofNullable(backend.getMetadata().getAnnotations())
        .map(annotations -> annotations.get(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION));
  }

  /** Whether the spec changed since the status was written. */
  private static boolean specChanged(SecretBackend backend) {
    return backend.getStatus() != null
        && backend.getStatus().getObservedGeneration() != null
        && !backend
            .getStatus()
            .getObservedGeneration()
            .equals(backend.getMetadata().getGeneration());
  }

  private static boolean lastCheckFailed(SecretBackend backend) {
    return ReadyCondition.of(backend.getStatus())
        .filter(condition -> "False".equals(condition.getStatus()))
        .filter(condition -> FAILED_CHECK_REASONS.contains(condition.getReason()))
        .isPresent();
  }

  private static int failuresSoFar(SecretBackend backend) {
    TokenMeta meta = tokenMeta(backend);
    return meta == null || meta.getConsecutiveFailures() == null
        ? 0
        : meta.getConsecutiveFailures();
  }

  private static TokenMeta tokenMeta(SecretBackend backend) {
    return backend.getStatus() == null ? null : backend.getStatus().getTokenMeta();
  }

  private static SecretBackend withStatus(SecretBackend backend, SecretBackendStatus status) {
    SecretBackend copy = new SecretBackend();
    copy.setMetadata(backend.getMetadata());
    copy.setSpec(backend.getSpec());
    copy.setStatus(status);
    return copy;
  }
}
