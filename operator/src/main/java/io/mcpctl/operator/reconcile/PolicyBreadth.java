package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.operator.rotation.ReconcileReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The PolicyTooBroad condition, set while the token reaches other namespaces' secrets, and the
 * Warning event when that is first found.
 */
final class PolicyBreadth {

  private PolicyBreadth() {}

  /**
   * The conditions with PolicyTooBroad set or removed as this reconcile's check found; kept as they
   * were when this reconcile did not ask.
   */
  static List<Condition> conditions(
      List<Condition> conditions, ReconcileReport report, Long generation, Instant now) {
    return report
        .policyBreadth()
        .map(
            tooBroad ->
                tooBroad
                    .map(
                        message ->
                            ReadyCondition.put(
                                conditions,
                                ReadyReasons.POLICY_TOO_BROAD_CONDITION,
                                "True",
                                ReadyReasons.REACHES_OTHER_NAMESPACES,
                                message,
                                generation,
                                now))
                    .orElseGet(
                        () ->
                            ReadyCondition.without(
                                conditions, ReadyReasons.POLICY_TOO_BROAD_CONDITION)))
        .orElse(conditions);
  }

  /** A Warning event when {@code status} is the first to say the policy is too broad. */
  static void announce(SecretBackend backend, SecretBackendStatus status, ReconcileReport report) {
    Optional<Condition> now =
        status
            .condition(ReadyReasons.POLICY_TOO_BROAD_CONDITION)
            .filter(condition -> "True".equals(condition.getStatus()));
    boolean before =
        backend
            .condition(ReadyReasons.POLICY_TOO_BROAD_CONDITION)
            .filter(condition -> "True".equals(condition.getStatus()))
            .isPresent();
    if (now.isPresent() && !before) {
      report.event("Warning", "PolicyTooBroad", now.get().getMessage());
    }
  }
}
