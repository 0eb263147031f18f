package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.openbao.policy.RotatorRole;
import io.mcpctl.operator.rotation.ReconcileReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The TokenPeriodCapped condition, set while the token's period is shorter than the rotation role
 * asks for, and the Warning event when that is first seen: OpenBao caps the period at a lower
 * max_lease_ttl with a warning only, which would otherwise pass unnoticed as less runway.
 */
final class PeriodCap {

  private PeriodCap() {}

  /**
   * The conditions with TokenPeriodCapped set or removed for the period in status; kept as they
   * were when no period is known; removed for a token that is not rotated, whose period no rotation
   * role decides.
   */
  static List<Condition> conditions(
      List<Condition> conditions, boolean rotatable, String period, Long generation, Instant now) {
    if (!rotatable) {
      return ReadyCondition.without(conditions, ReadyReasons.TOKEN_PERIOD_CAPPED_CONDITION);
    }
    if (period == null || period.isBlank()) {
      return conditions; // nothing known: leave the condition as it was
    }
    return RotatorRole.periodShortfall(period)
        .map(
            message ->
                ReadyCondition.put(
                    conditions,
                    ReadyReasons.TOKEN_PERIOD_CAPPED_CONDITION,
                    "True",
                    ReadyReasons.PERIOD_CAPPED,
                    message,
                    generation,
                    now))
        .orElseGet(
            () -> ReadyCondition.without(conditions, ReadyReasons.TOKEN_PERIOD_CAPPED_CONDITION));
  }

  /** A Warning event when {@code status} is the first to say the period is capped. */
  static void announce(SecretBackend backend, SecretBackendStatus status, ReconcileReport report) {
    Optional<Condition> now = capped(status.condition(ReadyReasons.TOKEN_PERIOD_CAPPED_CONDITION));
    boolean before =
        capped(backend.condition(ReadyReasons.TOKEN_PERIOD_CAPPED_CONDITION)).isPresent();
    if (now.isPresent() && !before) {
      report.event("Warning", ReadyReasons.PERIOD_CAPPED, now.get().getMessage());
    }
  }

  private static Optional<Condition> capped(Optional<Condition> condition) {
    return condition.filter(found -> "True".equals(found.getStatus()));
  }
}
