package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The Ready condition; its lastTransitionTime moves only when its status flips. */
final class ReadyCondition {

  private ReadyCondition() {}

  static Optional<Condition> of(SecretBackendStatus status) {
    if (status == null || status.getConditions() == null) {
      return Optional.empty();
    }
    return status.getConditions().stream()
        .filter(condition -> ReadyReasons.CONDITION_TYPE.equals(condition.getType()))
        .findFirst();
  }

  /** The conditions with Ready replaced, keeping any other condition someone else set. */
  static List<Condition> replace(
      List<Condition> conditions,
      boolean ready,
      String reason,
      String message,
      Long generation,
      Instant now) {
    String status = ready ? "True" : "False";
    Optional<Condition> previous =
        conditions == null
            ? Optional.empty()
            : conditions.stream()
                .filter(condition -> ReadyReasons.CONDITION_TYPE.equals(condition.getType()))
                .findFirst();
    String transition =
        previous
            .filter(condition -> status.equals(condition.getStatus()))
            .map(Condition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .orElse(Rfc3339.format(now));
    Condition readyCondition =
        new ConditionBuilder()
            .withType(ReadyReasons.CONDITION_TYPE)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build();
    List<Condition> updated = new ArrayList<>();
    if (conditions != null) {
      conditions.stream()
          .filter(condition -> !ReadyReasons.CONDITION_TYPE.equals(condition.getType()))
          .forEach(updated::add);
    }
    updated.add(0, readyCondition);
    return updated;
  }
}
