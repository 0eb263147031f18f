package io.mcpctl.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile of a backend must do, decided from its spec, status, Secret and the time.
 *
 * @param recovery steps an interrupted or finished rotation left, in order
 * @param rotation why a rotation starts now, if one does
 * @param healthCheck whether the current token is looked up now
 * @param wakeUpAt when something next becomes due; the reconciler reschedules for it
 * @param nextCheckAt when the current token is looked up next (a retry after a failure waits at
 *     most until then)
 */
public record ReconcilePlan(
    List<RecoveryStep> recovery,
    Optional<RotationTrigger> rotation,
    boolean healthCheck,
    Instant wakeUpAt,
    Instant nextCheckAt) {

  public ReconcilePlan {
    recovery = List.copyOf(recovery);
  }

  /** Nothing to do now: no OpenBao call, no write. */
  public boolean isIdle() {
    return recovery.isEmpty() && rotation.isEmpty() && !healthCheck;
  }
}
