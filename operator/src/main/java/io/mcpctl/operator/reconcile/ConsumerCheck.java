package io.mcpctl.operator.reconcile;

import io.mcpctl.api.v1alpha1.ConsumerStatus;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.consumer.Workload;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.rotation.ReconcileReport;
import io.mcpctl.schedule.ConsumerPolicy;
import io.mcpctl.schedule.PredecessorHold;
import io.mcpctl.schedule.TokenSecretState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods that read a backend's token, looked at only when they matter: while a previous token is
 * held (to decide whether it may be revoked) and right after a switch (to restart, when asked, the
 * workloads that read the token only at start). One namespaced pod list per look.
 */
final class ConsumerCheck {

  /** What one look found, relative to the switch that replaced the previous token. */
  record Seen(List<TokenConsumer> consumers, Instant switchedAt) {

    List<TokenConsumer> holdingPrevious() {
      return consumers.stream().filter(consumer -> consumer.holdsTokenFrom(switchedAt)).toList();
    }

    ConsumerStatus status() {
      return new ConsumerStatus(consumers.size(), holdingPrevious().size());
    }

    /** {@code pod/container} of each holder, for events. */
    String holders() {
      return holdingPrevious().stream()
          .map(
              consumer ->
                  consumer.pod() + "/" + consumer.container() + " (" + consumer.mode() + ")")
          .collect(Collectors.joining(", "));
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerCheck.class);

  private final TokenConsumers consumers;
  private final Duration lookAgainEvery;
  private final RestartPacer pacer;

  /**
   * @param lookAgainEvery how often pods holding the previous token are counted again
   */
  ConsumerCheck(TokenConsumers consumers, Duration lookAgainEvery, RestartPacer pacer) {
    this.consumers = consumers;
    this.lookAgainEvery = lookAgainEvery;
    this.pacer = pacer;
  }

  /** A look at the pods while the Secret holds a previous token; empty when it holds none. */
  Optional<Seen> whilePredecessorHeld(BackendTarget target, TokenSecretState secret) {
    if (!secret.previous() || secret.rotatedAt().isEmpty() || target.rotation().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(look(target, secret.rotatedAt().get()));
  }

  /** Whether what was seen keeps the previous token from its revocation, and until when. */
  PredecessorHold hold(Optional<Seen> seen, BackendTarget target, Instant now) {
    if (seen.isEmpty() || seen.get().holdingPrevious().isEmpty()) {
      return PredecessorHold.none();
    }
    ConsumerPolicy policy = target.rotation().orElseThrow().consumers();
    return new PredecessorHold(
        true, seen.get().switchedAt().plus(policy.maxRevokeDelay()), now.plus(lookAgainEvery));
  }

  /**
   * After a switch: counts the pods and, with {@code restart: Rollout}, rolling-restarts each
   * Deployment, StatefulSet and DaemonSet that has a pod still holding the previous token, once.
   * Workloads of other kinds are reported, never touched.
   */
  Seen afterSwitch(BackendTarget target, Instant switchedAt, ReconcileReport report, Instant now) {
    Seen seen = look(target, switchedAt);
    List<TokenConsumer> holding = seen.holdingPrevious();
    if (holding.isEmpty() || !target.rotation().orElseThrow().consumers().rolloutRestart()) {
      return seen;
    }
    Set<Workload> restartable = new LinkedHashSet<>();
    Set<String> left = new LinkedHashSet<>();
    for (TokenConsumer consumer : holding) {
      if (consumer.workload().restartable()) {
        restartable.add(consumer.workload());
      } else {
        left.add(consumer.pod() + " (" + consumer.workload() + ")");
      }
    }
    List<String> restarted = new java.util.ArrayList<>();
    for (Workload workload : restartable) {
      try {
        pacer.awaitTurn();
        consumers.restart(target.namespace(), workload, target.name(), now);
        restarted.add(workload.toString());
        report.restarted(workload);
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException failed) {
        // The API's answer names the workload and the refusal, never a token.
        LOG.warn(
            "Rolling restart of {} in {} failed: {}",
            workload,
            target.namespace(),
            failed.getMessage());
        report.event(
            "Warning",
            "ConsumerRestartFailed",
            "Could not restart "
                + workload
                + " after the switch; it still holds the previous token"
                + " until it restarts.");
      }
    }
    if (!restarted.isEmpty()) {
      report.event(
          "Normal",
          "ConsumersRestarted",
          "Rolling-restarted "
              + String.join(", ", restarted)
              + ": their pods read the token only at start.");
    }
    if (!left.isEmpty()) {
      report.event(
          "Warning",
          "ConsumersNotRestartable",
          "Pods "
              + String.join(", ", left)
              + " read the token only at start and belong to no Deployment, StatefulSet or"
              + " DaemonSet; restart them yourself before the previous token is revoked.");
    }
    return seen;
  }

  /** After {@code rotate --revoke-previous}: the pods that held the revoked tokens, by name. */
  void reportRevokedOnRequest(Seen seen, ReconcileReport report) {
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

  private Seen look(BackendTarget target, Instant switchedAt) {
    return new Seen(
        consumers.find(
            target.namespace(),
            target.tokenSecretRef().getName(),
            target.tokenSecretRef().getKey()),
        switchedAt);
  }
}
