package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.rotation.ReconcileReport;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.schedule.PredecessorHold;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.text.Sentences;
import io.mcpctl.tokensecret.PreviousSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods that read a backend's token, looked at only when they matter: while a previous token is
 * held (to decide whether it may be revoked) and right after a switch (to restart, when asked, the
 * workloads that read the token only at start, through {@link RestartRounds}). One namespaced pod
 * list per look.
 */
final class ConsumerCheck {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerCheck.class);

  /** How much of the API's refusal a condition quotes. */
  private static final int UNLISTED_LENGTH = 300;

  private final TokenConsumers consumers;
  private final Duration lookAgainEvery;
  private final RestartRounds rounds;

  /**
   * @param lookAgainEvery how often pods holding the previous token are counted again
   */
  ConsumerCheck(TokenConsumers consumers, Duration lookAgainEvery, RestartPacer pacer) {
    this.consumers = consumers;
    this.lookAgainEvery = lookAgainEvery;
    this.rounds = new RestartRounds(consumers, pacer);
  }

  /** A look at the pods while the Secret holds a previous token; empty when it holds none. */
  Optional<ConsumersSeen> whilePredecessorHeld(BackendTarget target, TokenSecretState secret) {
    if (!secret.previous() || secret.rotatedAt().isEmpty() || target.rotation().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(look(target, secret.rotatedAt().get(), secret.predecessors()));
  }

  /**
   * Which previous tokens what was seen keeps from their revocation, and until when: each for
   * {@code maxRevokeDelay} after it was replaced.
   */
  PredecessorHold hold(Optional<ConsumersSeen> seen, BackendTarget target, Instant now) {
    if (seen.isEmpty()
        || seen.get().unlisted().isEmpty() && seen.get().holdingPrevious().isEmpty()) {
      return PredecessorHold.none();
    }
    Duration maxRevokeDelay = target.rotation().orElseThrow().consumers().maxRevokeDelay();
    Map<PreviousSlot, Instant> deadlines = new HashMap<>();
    for (TokenSecretState.Predecessor predecessor : seen.get().predecessors()) {
      if (seen.get().unlisted().isPresent() || !seen.get().holding(predecessor.slot()).isEmpty()) {
        deadlines.put(predecessor.slot(), seen.get().retiredAt(predecessor).plus(maxRevokeDelay));
      }
    }
    return PredecessorHold.held(deadlines, now.plus(lookAgainEvery));
  }

  /**
   * The pods that held a previous token this reconcile revoked although they still held it (the
   * deadline ran out), by name; empty when none did or the user asked for it.
   */
  Optional<String> revokedInUse(
      Optional<ConsumersSeen> seen,
      PredecessorHold hold,
      TokenSecretState before,
      TokenSecretState after) {
    if (seen.isEmpty() || hold.revokeAtOnce()) {
      return Optional.empty();
    }
    // A switch moves a token to another slot with its retirement time: that time, not the slot,
    // tells a token still waiting from one revoked.
    Set<Object> left =
        after.predecessors().stream().map(ConsumerCheck::identity).collect(Collectors.toSet());
    List<TokenConsumer> failing =
        before.predecessors().stream()
            .filter(
                predecessor ->
                    hold.holds(predecessor.slot()) && !left.contains(identity(predecessor)))
            .flatMap(predecessor -> seen.get().holding(predecessor.slot()).stream())
            .distinct()
            .toList();
    return failing.isEmpty() ? Optional.empty() : Optional.of(ConsumersSeen.names(failing));
  }

  private static Object identity(TokenSecretState.Predecessor predecessor) {
    return predecessor.retiredAt().<Object>map(Instant::toString).orElse(predecessor.slot());
  }

  /**
   * After a switch: counts the pods and, with {@code restart: Rollout}, rolling-restarts each
   * Deployment, StatefulSet and DaemonSet that has a pod still holding the previous token, once.
   * Workloads of other kinds are reported, never touched.
   */
  ConsumersSeen afterSwitch(
      BackendTarget target,
      Instant switchedAt,
      TokenSecretState switched,
      ReconcileReport report,
      Instant now) {
    ConsumersSeen seen = look(target, switchedAt, switched.predecessors());
    rounds.send(target, seen, switchedAt, report, now);
    return seen;
  }

  /**
   * While a previous token is held: sends the restarts of a switch whose Secret says they may not
   * have been sent, at most once per switch and process (RestartRounds.resume).
   */
  void resumeRestarts(
      BackendTarget target,
      TokenSecret secret,
      ConsumersSeen seen,
      ReconcileReport report,
      Instant now) {
    rounds.resume(target, secret, seen, report, now);
  }

  /**
   * Sends the round this process put off for another of the backend's namespace, if there is one
   * and the namespace has none under way now. It is this process's own word, not the Secret's, so
   * it needs no previous token in the Secret: after {@code --revoke-previous} or a previous token
   * revoked at its deadline, the pods that started before the switch hold a revoked token and need
   * their restart all the more.
   */
  void sendRoundPutOff(
      BackendTarget target, TokenSecretState secret, ReconcileReport report, Instant now) {
    Optional<Instant> switchedAt = rounds.putOffFor(target.key());
    if (switchedAt.isEmpty()) {
      return;
    }
    if (target.rotation().isEmpty() || !target.rotation().get().consumers().rolloutRestart()) {
      rounds.dropPutOff(target.key());
      return;
    }
    ConsumersSeen seen = look(target, switchedAt.get(), secret.predecessors());
    if (seen.unlisted().isEmpty()) {
      rounds.send(target, seen, switchedAt.get(), report, now);
    }
  }

  /** Whether a round of this backend waits for another of its namespace to end. */
  boolean roundPutOff(String backendKey) {
    return rounds.putOffFor(backendKey).isPresent();
  }

  /** Drops what this process remembers of the rounds of a deleted backend. */
  void forget(String backendKey) {
    rounds.forget(backendKey);
  }

  /** After {@code rotate --revoke-previous}: the pods that held the revoked tokens, by name. */
  void reportRevokedOnRequest(ConsumersSeen seen, ReconcileReport report) {
    if (seen.unlisted().isPresent()) {
      report.event(
          "Warning",
          "PreviousTokenRevokedOnRequest",
          "Revoked the previous token at the switch, as asked (rotate --revoke-previous); the"
              + " pods could not be listed to say which still held it.");
      return;
    }
    if (seen.holdingPrevious().isEmpty()) {
      report.event(
          "Normal",
          "PreviousTokenRevokedOnRequest",
          "Revoked the previous token at the switch, as asked (rotate --revoke-previous); no pod"
              + " still held it.");
      return;
    }
    report.event(
        "Warning",
        "PreviousTokenRevokedOnRequest",
        "Revoked the previous token at the switch, as asked (rotate --revoke-previous): "
            + seen.holders()
            + " held it and fail until restarted.");
  }

  private ConsumersSeen look(
      BackendTarget target, Instant switchedAt, List<TokenSecretState.Predecessor> predecessors) {
    try {
      return new ConsumersSeen(
          consumers.find(
              target.namespace(),
              target.tokenSecretRef().getName(),
              target.tokenSecretRef().getKey()),
          switchedAt,
          predecessors,
          Optional.empty());
    } catch (RuntimeException failed) {
      // Refused (RBAC), unreachable, or a page that was no list: a failed look must neither undo
      // a switch already made (its request would be carried out again) nor keep a previous token
      // beyond its deadline, so it counts as a look that found nobody for sure.
      String why = Sentences.oneLine(String.valueOf(failed.getMessage()), UNLISTED_LENGTH);
      LOG.warn(
          "Could not list the pods of namespace {} that read Secret {}: {}",
          target.namespace(),
          target.tokenSecretRef().getName(),
          why,
          // Not the API's refusal but a defect of ours: its trace says where.
          failed instanceof KubernetesClientException ? null : failed);
      return new ConsumersSeen(List.of(), switchedAt, predecessors, Optional.of(why));
    }
  }
}
