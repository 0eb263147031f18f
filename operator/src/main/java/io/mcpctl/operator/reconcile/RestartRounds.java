package io.mcpctl.operator.reconcile;

import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.consumer.Workload;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.rotation.ReconcileReport;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rounds of rolling restarts sent after switches, and what this process remembers of them: for
 * which switch each backend's round went out, when, which round waits for another of its namespace,
 * and which namespaces are sending one now.
 */
final class RestartRounds {

  private static final Logger LOG = LoggerFactory.getLogger(RestartRounds.class);

  /** How far ahead of this process's clock a switch recorded in a Secret may lie. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final TokenConsumers consumers;
  private final RestartPacer pacer;

  /** Per backend, the switch whose restarts this process has sent. */
  private final Map<String, Instant> sentFor = new ConcurrentHashMap<>();

  /** Per backend, when this process last sent a round of restarts. */
  private final Map<String, Instant> lastRoundAt = new ConcurrentHashMap<>();

  /** Per backend, the switch whose round this process put off for another of its namespace. */
  private final Map<String, Instant> putOff = new ConcurrentHashMap<>();

  /** The namespaces a round of restarts is being sent in: one round at a time each. */
  private final Set<String> namespacesRestarting = ConcurrentHashMap.newKeySet();

  RestartRounds(TokenConsumers consumers, RestartPacer pacer) {
    this.consumers = consumers;
    this.pacer = pacer;
  }

  /**
   * Rolling-restarts each Deployment, StatefulSet and DaemonSet that has a pod still holding the
   * previous token of the switch at {@code switchedAt}, unless another round of the namespace is
   * under way: then this one is put off. Workloads of other kinds are reported, never touched.
   */
  void send(
      BackendTarget target,
      ConsumersSeen seen,
      Instant switchedAt,
      ReconcileReport report,
      Instant now) {
    send(target, seen, switchedAt, false, report, now);
  }

  /**
   * Sends again the round of a switch whose Secret says it may not have been sent (the process that
   * switched died first, or lost its leadership). It carries the switch's time as {@code
   * restartedAt}, as the first did, so a workload already restarted for that switch is not
   * restarted again. Once per switch and process.
   *
   * <p>The Secret's word is all there is to go on, and whoever may edit the Secret may write any
   * switch time into it: a switch that lies ahead is not believed, and this process resumes no
   * round within a rotation interval of the last round it sent for the backend, so such edits
   * restart the workloads no more often than rotations do.
   */
  void resume(
      BackendTarget target,
      TokenSecret secret,
      ConsumersSeen seen,
      ReconcileReport report,
      Instant now) {
    Optional<Instant> pendingFor =
        secret.annotationTime(TokenSecretKeys.CONSUMERS_RESTART_FOR_ANNOTATION);
    if (pendingFor.isEmpty()
        || putOff.containsKey(target.key())
        || !pendingFor.get().equals(seen.switchedAt())
        || pendingFor.get().equals(sentFor.get(target.key()))
        || pendingFor.get().isAfter(now.plus(CLOCK_SKEW))) {
      return;
    }
    Instant last = lastRoundAt.get(target.key());
    if (last != null && now.isBefore(last.plus(target.rotation().orElseThrow().interval()))) {
      return;
    }
    send(target, seen, pendingFor.get(), true, report, now);
  }

  /** The switch whose round of this backend waits for another of its namespace, if one does. */
  Optional<Instant> putOffFor(String backendKey) {
    return Optional.ofNullable(putOff.get(backendKey));
  }

  /** Forgets the round put off for a backend that no longer asks for restarts. */
  void dropPutOff(String backendKey) {
    putOff.remove(backendKey);
  }

  /** Drops what this process remembers of the rounds of a deleted backend. */
  void forget(String backendKey) {
    sentFor.remove(backendKey);
    lastRoundAt.remove(backendKey);
    putOff.remove(backendKey);
  }

  private void send(
      BackendTarget target,
      ConsumersSeen seen,
      Instant switchedAt,
      boolean resumed,
      ReconcileReport report,
      Instant now) {
    List<TokenConsumer> holding = seen.holdingPrevious();
    if (holding.isEmpty() || !target.rotation().orElseThrow().consumers().rolloutRestart()) {
      // Nobody left to restart for this switch, nor for any earlier one put off.
      putOff.remove(target.key());
      return;
    }
    // Whoever may create workloads decides how long a round lasts at the operator's pace, and a
    // round waits for each turn on this reconcile thread. One round per namespace at a time keeps
    // a namespace to one of the threads all namespaces share, and, each round awaiting one turn at
    // a time, shares the pace between namespaces in turn. The round put off is remembered, and
    // the backend's next reconcile, within a minute, sends it (ConsumerCheck.sendRoundPutOff).
    if (!namespacesRestarting.add(target.namespace())) {
      Instant before = putOff.put(target.key(), switchedAt);
      if (!switchedAt.equals(before)) {
        report.event(
            "Normal",
            "ConsumersRestartPutOff",
            "The rolling restarts after the switch wait for another backend's round in namespace "
                + target.namespace()
                + " to end; they are sent within a minute of it.");
      }
      return;
    }
    try {
      putOff.remove(target.key());
      restart(target, holding, switchedAt, resumed, report, now);
    } finally {
      namespacesRestarting.remove(target.namespace());
    }
  }

  private void restart(
      BackendTarget target,
      List<TokenConsumer> holding,
      Instant switchedAt,
      boolean resumed,
      ReconcileReport report,
      Instant now) {
    // In whole seconds, as the Secret records the switch it may later claim is still pending.
    sentFor.put(target.key(), switchedAt.truncatedTo(ChronoUnit.SECONDS));
    lastRoundAt.put(target.key(), now);
    Set<Workload> restartable = new LinkedHashSet<>();
    Set<String> left = new LinkedHashSet<>();
    for (TokenConsumer consumer : holding) {
      if (consumer.workload().restartable()) {
        restartable.add(consumer.workload());
      } else {
        left.add(consumer.pod() + " (" + consumer.workload() + ")");
      }
    }
    List<String> restarted = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Workload workload : restartable) {
      try {
        consumers.restart(
            new RestartRequest(
                target.namespace(),
                workload,
                target.tokenSecretRef().getName(),
                target.tokenSecretRef().getKey(),
                target.name(),
                switchedAt),
            pacer::awaitTurn);
        restarted.add(workload.toString());
        if (!resumed) {
          report.restarted(workload);
        }
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
        break;
      } catch (RestartRefusedException refused) {
        failed.add(workload + " (" + refused.getMessage() + ")");
      } catch (RuntimeException unexpected) {
        // The API's answer names the workload and the refusal, never a token.
        LOG.warn(
            "Rolling restart of {} in {} failed: {}",
            workload,
            target.namespace(),
            unexpected.getMessage());
        failed.add(workload + " (the API failed; see the operator's log)");
      }
    }
    report(switchedAt, resumed, restarted, failed, left, report);
  }

  /** One event of each kind per round, naming a few. */
  private static void report(
      Instant switchedAt,
      boolean resumed,
      List<String> restarted,
      List<String> failed,
      Set<String> left,
      ReconcileReport report) {
    if (!failed.isEmpty()) {
      report.event(
          "Warning",
          "ConsumerRestartFailed",
          "Could not restart "
              + ConsumersSeen.firstFew(failed, "; ")
              + " after the switch; their pods still hold the previous token until they"
              + " restart.");
    }
    if (!restarted.isEmpty() && resumed) {
      report.event(
          "Normal",
          "ConsumersRestartResumed",
          "Sent the rolling restarts of the switch at "
              + Rfc3339.format(switchedAt)
              + " again for "
              + ConsumersSeen.firstFew(restarted, ", ")
              + ": they may not have been sent (the process that switched died first, or the pods"
              + " could not be listed then). They carry that"
              + " switch's restartedAt, so a workload already restarted for it is not restarted"
              + " twice.");
    } else if (!restarted.isEmpty()) {
      report.event(
          "Normal",
          "ConsumersRestarted",
          "Rolling-restarted "
              + ConsumersSeen.firstFew(restarted, ", ")
              + ": their pods read the token only at start.");
    }
    if (!left.isEmpty()) {
      report.event(
          "Warning",
          "ConsumersNotRestartable",
          "Pods "
              + ConsumersSeen.firstFew(left, ", ")
              + " read the token only at start and belong to no Deployment, StatefulSet or"
              + " DaemonSet; restart them yourself before the previous token is revoked.");
    }
  }
}
