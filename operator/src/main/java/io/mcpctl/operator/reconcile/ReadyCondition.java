package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The status conditions: Ready first, then any other (PolicyTooBroad, or one someone else set). A
 * condition's lastTransitionTime moves only when its status flips.
 */
final class ReadyCondition {

  private ReadyCondition() {}

  /**
   * Whether the backend's Ready condition says what a look at its token found, and so may stand
   * while nothing is looked at: not when there is none yet, nor when it says the spec was invalid
   * or the backend was being deleted.
   */
  static boolean saysWhatACheckFound(SecretBackend backend) {
    return backend
        .condition(ReadyReasons.CONDITION_TYPE)
        .filter(ready -> !ReadyReasons.INVALID_SPEC.equals(ready.getReason()))
        .filter(ready -> !ReadyReasons.DELETING.equals(ready.getReason()))
        .isPresent();
  }

  /** The conditions with Ready replaced, keeping any other condition someone else set. */
  static List<Condition> replace(
      List<Condition> conditions,
      boolean ready,
      String reason,
      String message,
      Long generation,
      Instant now) {
    return put(
        conditions,
        ReadyReasons.CONDITION_TYPE,
        ready ? "True" : "False",
        reason,
        message,
        generation,
        now);
  }

  /**
   * The conditions with the one of {@code type} set (Ready stays first, others keep their order).
   */
  static List<Condition> put(
      List<Condition> conditions,
      String type,
      String status,
      String reason,
      String message,
      Long generation,
      Instant now) {
    String transition =
        find(conditions, type)
            .filter(condition -> status.equals(condition.getStatus()))
            .map(Condition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .orElse(Rfc3339.format(now));
    Condition condition =
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build();
    List<Condition> updated = new ArrayList<>(without(conditions, type));
    if (ReadyReasons.CONDITION_TYPE.equals(type)) {
      updated.add(0, condition);
    } else {
      updated.add(condition);
    }
    return updated;
  }

  /** The conditions without the one of {@code type}. */
  static List<Condition> without(List<Condition> conditions, String type) {
    List<Condition> kept = new ArrayList<>();
    if (conditions != null) {
      conditions.stream().filter(condition -> !type.equals(condition.getType())).forEach(kept::add);
    }
    return kept;
  }

  private static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst();
  }
}
