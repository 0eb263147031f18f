package io.mcpctl.schedule;

import java.time.Instant;

/**
 * What one reconcile of a backend must do, decided from its spec, status, Secret and the time.
 *
 * @param action the one thing to do now
 * @param wakeUpAt when something next becomes due; the reconciler reschedules for it
 * @param nextCheckAt when the current token is looked up next (a retry after a failure waits at
 *     most until then)
 */
public record ReconcilePlan(NextAction action, Instant wakeUpAt, Instant nextCheckAt) {

  /** Nothing to do now: no OpenBao call, no write. */
  public boolean isIdle() {
    return action instanceof NextAction.NothingDue;
  }
}
