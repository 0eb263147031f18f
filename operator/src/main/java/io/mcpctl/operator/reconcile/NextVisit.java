package io.mcpctl.operator.reconcile;

import io.mcpctl.operator.rotation.Failure;
import io.mcpctl.operator.rotation.ReconcileReport;
import io.mcpctl.schedule.NextAction;
import io.mcpctl.schedule.PredecessorHold;
import io.mcpctl.schedule.ReconcilePlan;
import io.mcpctl.schedule.ReconcilePlanner;
import io.mcpctl.schedule.RotationTimes;
import io.mcpctl.schedule.TokenSecretState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** When a reconcile of an OpenBao backend comes back, from what it did and what it leaves. */
final class NextVisit {

  private static final Duration MIN_RESCHEDULE = Duration.ofSeconds(1);

  private static final Duration BUSY_RETRY = Duration.ofSeconds(30);

  private final ReconcilePlanner planner;
  private final RotationTimes times;
  private final RandomGenerator random;

  NextVisit(ReconcilePlanner planner, RotationTimes times, RandomGenerator random) {
    this.planner = planner;
    this.times = times;
    this.random = random;
  }

  /** When a failed rotation is tried again: its back-off, or OpenBao's Retry-After. */
  Instant rotationRetryAt(int failuresSoFar, Failure failure, Instant now) {
    return now.plus(times.backoff(failuresSoFar + 1, failure.retryAfter(), random));
  }

  /**
   * When a backend of a busy namespace comes back: spread over half a minute, so that a namespace
   * with many backends waiting costs the API a read now and then, not every second.
   */
  Duration whenNamespaceBusy() {
    return BUSY_RETRY.plusMillis(random.nextLong(BUSY_RETRY.toMillis() + 1));
  }

  /**
   * When to look again: at the plan's wake-up when nothing was due; otherwise when the state this
   * reconcile leaves next falls due, or soon when something is due still (a failing revocation
   * after a back-off, while the token keeps being checked). A staged token that this reconcile
   * tried and failed to resolve waits for the rotation's back-off (and OpenBao's Retry-After):
   * resolving it takes no rotation slot, so an OpenBao that does not answer would otherwise be
   * asked again every second, for as long as it does not.
   *
   * @param leftBehind the inputs as the reconcile leaves them
   * @param secretState the token Secret as the reconcile leaves it
   */
  Duration afterPlan(
      ReconcilePlan plan,
      PlanInputs leftBehind,
      TokenSecretState secretState,
      PredecessorHold hold,
      ReconcileReport report,
      Optional<Instant> retryAt,
      Instant now) {
    if (plan.isIdle()) {
      return until(plan.wakeUpAt(), now);
    }
    ReconcilePlan next = leftBehind.plan(planner, secretState, hold, now);
    if (next.isIdle()) {
      return until(next.wakeUpAt(), now);
    }
    if (report.deferredUntil().isPresent()) {
      return until(report.deferredUntil().get(), now);
    }
    if (plan.action() instanceof NextAction.ResolveStaged
        && next.action() instanceof NextAction.ResolveStaged
        && retryAt.isPresent()) {
      return until(retryAt.get(), now);
    }
    if (report.revokeFailures().isEmpty()) {
      return MIN_RESCHEDULE;
    }
    Duration backoff = times.backoff(report.revokeFailures().size(), Optional.empty(), random);
    Duration untilCheck = until(next.nextCheckAt(), now);
    return backoff.compareTo(untilCheck) < 0 ? backoff : untilCheck;
  }

  private static Duration until(Instant wakeUpAt, Instant now) {
    Duration wait = Duration.between(now, wakeUpAt);
    return wait.compareTo(MIN_RESCHEDULE) < 0 ? MIN_RESCHEDULE : wait;
  }
}
