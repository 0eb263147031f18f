package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.schedule.PredecessorHold;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ConsumersOnCurrentToken condition: how many containers read the token and which still hold a
 * previous one, as the last look at the pods found. Kept as it was when a reconcile did not look.
 */
final class ConsumersCondition {

  /**
   * What a reconcile learnt about the consumers.
   *
   * @param seen the look at the pods, if this reconcile made one
   * @param hold which previous tokens the pods keep, and until when
   * @param revokedInUse the pods that held a token this reconcile revoked at its deadline
   * @param revokedOnRequest whether this reconcile revoked every previous token as asked
   */
  record Findings(
      Optional<ConsumersSeen> seen,
      PredecessorHold hold,
      Optional<String> revokedInUse,
      boolean revokedOnRequest) {}

  private ConsumersCondition() {}

  static List<Condition> conditions(
      List<Condition> conditions, Findings findings, Long generation, Instant now) {
    if (findings.seen().isEmpty()) {
      return conditions;
    }
    ConsumersSeen seen = findings.seen().get();
    if (seen.unlisted().isPresent()) {
      return ReadyCondition.put(
          conditions,
          ReadyReasons.CONSUMERS_CONDITION,
          "Unknown",
          ReadyReasons.CONSUMERS_UNLISTED,
          "The pods that read the token Secret could not be listed ("
              + seen.unlisted().get()
              + "); each previous token is kept until consumers.maxRevokeDelay after it was"
              + " replaced, and no workload is restarted until they can be.",
          generation,
          now);
    }
    List<TokenConsumer> holding = seen.holdingPrevious();
    int count = seen.consumers().size();
    String status = "False";
    String reason;
    String message;
    if (findings.revokedInUse().isPresent()) {
      reason = ReadyReasons.PREVIOUS_TOKEN_REVOKED_IN_USE;
      message =
          "A previous token was revoked when consumers.maxRevokeDelay ran out while "
              + findings.revokedInUse().get()
              + " still held it; they fail until restarted.";
    } else if (count == 0) {
      status = "True";
      reason = ReadyReasons.NO_CONSUMERS;
      message = "No pod in this namespace reads the token Secret.";
    } else if (holding.isEmpty()) {
      status = "True";
      reason = ReadyReasons.ON_CURRENT_TOKEN;
      message = containers(count) + " read the token Secret; none holds a previous token.";
    } else if (findings.hold().held() && !findings.revokedOnRequest()) {
      reason = ReadyReasons.HOLDING_PREVIOUS_TOKEN;
      message =
          holding.size()
              + " of "
              + containers(count)
              + " read the token only at start and still hold a previous one: "
              + ConsumersSeen.names(holding)
              + ". It is revoked when they have moved, at the latest at "
              + Rfc3339.format(
                  findings.hold().deadlines().values().stream()
                      .min(Instant::compareTo)
                      .orElseThrow())
              + ".";
    } else {
      reason = ReadyReasons.PREVIOUS_TOKEN_REVOKED_IN_USE;
      message =
          holding.size()
              + " of "
              + containers(count)
              + " read the token only at start and hold a previous token that is revoked"
              + (findings.revokedOnRequest() ? " (rotate --revoke-previous)" : "")
              + ": "
              + ConsumersSeen.names(holding)
              + "; they fail until restarted.";
    }
    return ReadyCondition.put(
        conditions, ReadyReasons.CONSUMERS_CONDITION, status, reason, message, generation, now);
  }

  private static String containers(int count) {
    return count == 1 ? "1 container" : count + " containers";
  }
}
