package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.schedule.PredecessorHold;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.PreviousSlot;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The PreviousTokensWaiting condition: set while replaced tokens outlive their grace periods (pods
 * hold them) or fill every slot (a rotation waits), with when each is revoked, so that neither a
 * security reviewer nor a waiting {@code kubectl mcpctl rotate} has to guess. A token that only
 * waits out its grace period, the daily case, is not worth a status write of its own.
 */
final class PreviousTokensCondition {

  private PreviousTokensCondition() {}

  static List<Condition> conditions(
      List<Condition> conditions,
      TokenSecretState secret,
      PredecessorHold hold,
      Long generation,
      Instant now) {
    List<TokenSecretState.Predecessor> waiting = secret.predecessors();
    boolean held = waiting.stream().anyMatch(predecessor -> hold.holds(predecessor.slot()));
    Instant firstRevocation =
        waiting.stream()
            .map(predecessor -> revokeAt(predecessor, hold))
            .min(Instant::compareTo)
            .orElse(now);
    boolean rotationWaits = secret.slotsFull() && firstRevocation.isAfter(now);
    if (!held && !rotationWaits) {
      return ReadyCondition.without(conditions, ReadyReasons.PREVIOUS_TOKENS_WAITING_CONDITION);
    }
    String reason;
    String message =
        (waiting.size() == 1 ? "1 replaced token waits" : waiting.size() + " replaced tokens wait")
            + " for revocation: "
            + waiting.stream()
                .map(predecessor -> describe(predecessor, hold, now))
                .collect(Collectors.joining(", "))
            + ".";
    if (rotationWaits) {
      reason = ReadyReasons.ALL_SLOTS_TAKEN;
      message +=
          " All "
              + PreviousSlot.MAX
              + " slots are taken: the next rotation waits until "
              + Rfc3339.format(firstRevocation)
              + " (rotate --revoke-previous revokes them now).";
    } else {
      reason = ReadyReasons.HELD_FOR_CONSUMERS;
    }
    return ReadyCondition.put(
        conditions,
        ReadyReasons.PREVIOUS_TOKENS_WAITING_CONDITION,
        "True",
        reason,
        message,
        generation,
        now);
  }

  private static Instant revokeAt(TokenSecretState.Predecessor predecessor, PredecessorHold hold) {
    return hold.revokeAt(predecessor.slot(), predecessor.graceEnd());
  }

  private static String describe(
      TokenSecretState.Predecessor predecessor, PredecessorHold hold, Instant now) {
    Instant at = revokeAt(predecessor, hold);
    if (!at.isAfter(now)) {
      return predecessor.slot().tokenKey() + " now (due)";
    }
    return predecessor.slot().tokenKey()
        + " at "
        + Rfc3339.format(at)
        + (hold.holds(predecessor.slot()) ? " unless the pods holding it move sooner" : "");
  }
}
