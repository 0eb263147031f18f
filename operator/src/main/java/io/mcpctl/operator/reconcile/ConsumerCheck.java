package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.consumer.Workload;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.rotation.ReconcileReport;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.schedule.PredecessorHold;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.text.Sentences;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods that read a backend's token, looked at only when they matter: while a previous token is
 * held (to decide whether it may be revoked) and right after a switch (to restart, when asked, the
 * workloads that read the token only at start). One namespaced pod list per look.
 */
final class ConsumerCheck {

  /**
   * What one look found, relative to the switch that made the current token current and to the
   * times the Secret's previous tokens were replaced.
   *
   * @param predecessors the previous tokens the Secret holds, newest first
   * @param unlisted why the pods could not be listed, if they could not: then nobody is known to
   *     hold a previous token, and each is kept until its deadline all the same
   */
  record Seen(
      List<TokenConsumer> consumers,
      Instant switchedAt,
      List<TokenSecretState.Predecessor> predecessors,
      Optional<String> unlisted) {

    List<TokenConsumer> holdingPrevious() {
      return consumers.stream().filter(consumer -> consumer.holdsTokenFrom(switchedAt)).toList();
    }

    /**
     * The consumers holding the token of {@code slot}: it was current when they started. One whose
     * start is unknown may hold any of them.
     */
    List<TokenConsumer> holding(PreviousSlot slot) {
      for (int i = 0; i < predecessors.size(); i++) {
        if (predecessors.get(i).slot().equals(slot)) {
          Instant retiredAt = retiredAt(predecessors.get(i));
          Optional<Instant> currentSince =
              i + 1 < predecessors.size()
                  ? Optional.of(retiredAt(predecessors.get(i + 1)))
                  : Optional.empty();
          return consumers.stream()
              .filter(consumer -> consumer.holdsTokenCurrentBetween(currentSince, retiredAt))
              .toList();
        }
      }
      return List.of();
    }

    /** A replacement time the Secret lost is taken as the latest switch's. */
    private Instant retiredAt(TokenSecretState.Predecessor predecessor) {
      return predecessor.retiredAt().orElse(switchedAt);
    }

    /** {@code pod/container (mode)} of each holder, at most a few, for events and conditions. */
    static String names(List<TokenConsumer> holders) {
      return firstFew(
          holders.stream()
              .map(
                  consumer ->
                      consumer.pod() + "/" + consumer.container() + " (" + consumer.mode() + ")")
              .toList(),
          ", ");
    }

    String holders() {
      return names(holdingPrevious());
    }
  }

  /** How many holders an event or condition names; kubectl describe lists them all. */
  private static final int NAMED_AT_MOST = 5;

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerCheck.class);

  /** How much of the API's refusal a condition quotes. */
  private static final int UNLISTED_LENGTH = 300;

  /** How far ahead of this process's clock a switch recorded in a Secret may lie. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final TokenConsumers consumers;
  private final Duration lookAgainEvery;
  private final RestartPacer pacer;

  /** Per backend, the switch whose restarts this process has sent. */
  private final Map<String, Instant> restartsSentFor = new ConcurrentHashMap<>();

  /** Per backend, when this process last sent a round of restarts. */
  private final Map<String, Instant> lastRoundAt = new ConcurrentHashMap<>();

  /** Per backend, the switch whose round this process put off for another of its namespace. */
  private final Map<String, Instant> roundsPutOff = new ConcurrentHashMap<>();

  /** The namespaces a round of restarts is being sent in: one round at a time each. */
  private final Set<String> namespacesRestarting = ConcurrentHashMap.newKeySet();

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
    return Optional.of(look(target, secret.rotatedAt().get(), secret.predecessors()));
  }

  /**
   * Which previous tokens what was seen keeps from their revocation, and until when: each for
   * {@code maxRevokeDelay} after it was replaced.
   */
  PredecessorHold hold(Optional<Seen> seen, BackendTarget target, Instant now) {
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
      Optional<Seen> seen, PredecessorHold hold, TokenSecretState before, TokenSecretState after) {
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
    return failing.isEmpty() ? Optional.empty() : Optional.of(Seen.names(failing));
  }

  private static Object identity(TokenSecretState.Predecessor predecessor) {
    return predecessor.retiredAt().<Object>map(Instant::toString).orElse(predecessor.slot());
  }

  /**
   * After a switch: counts the pods and, with {@code restart: Rollout}, rolling-restarts each
   * Deployment, StatefulSet and DaemonSet that has a pod still holding the previous token, once.
   * Workloads of other kinds are reported, never touched.
   */
  Seen afterSwitch(
      BackendTarget target,
      Instant switchedAt,
      TokenSecretState switched,
      ReconcileReport report,
      Instant now) {
    Seen seen = look(target, switchedAt, switched.predecessors());
    restartHolders(target, seen, switchedAt, false, report, now);
    return seen;
  }

  /**
   * While a previous token is held: sends the restarts of a switch whose Secret says they may not
   * have been sent (the process that switched died first, or lost its leadership). They carry the
   * switch's time as {@code restartedAt}, as the first ones did, so a workload already restarted
   * for that switch is not restarted again. Once per switch and process.
   *
   * <p>The Secret's word is all there is to go on, and whoever may edit the Secret may write any
   * switch time into it: a switch that lies ahead is not believed, and this process resumes no
   * round within a rotation interval of the last round it sent for the backend, so such edits
   * restart the workloads no more often than rotations do.
   */
  void resumeRestarts(
      BackendTarget target, TokenSecret secret, Seen seen, ReconcileReport report, Instant now) {
    Optional<Instant> pendingFor =
        secret.annotationTime(TokenSecretKeys.CONSUMERS_RESTART_FOR_ANNOTATION);
    if (pendingFor.isEmpty()
        || roundsPutOff.containsKey(target.key())
        || !pendingFor.get().equals(seen.switchedAt())
        || pendingFor.get().equals(restartsSentFor.get(target.key()))
        || pendingFor.get().isAfter(now.plus(CLOCK_SKEW))) {
      return;
    }
    Instant last = lastRoundAt.get(target.key());
    if (last != null && now.isBefore(last.plus(target.rotation().orElseThrow().interval()))) {
      return;
    }
    restartHolders(target, seen, pendingFor.get(), true, report, now);
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
    Instant switchedAt = roundsPutOff.get(target.key());
    if (switchedAt == null) {
      return;
    }
    if (target.rotation().isEmpty() || !target.rotation().get().consumers().rolloutRestart()) {
      roundsPutOff.remove(target.key());
      return;
    }
    Seen seen = look(target, switchedAt, secret.predecessors());
    if (seen.unlisted().isEmpty()) {
      restartHolders(target, seen, switchedAt, false, report, now);
    }
  }

  /** Whether a round of this backend waits for another of its namespace to end. */
  boolean roundPutOff(String backendKey) {
    return roundsPutOff.containsKey(backendKey);
  }

  /** Drops what this process remembers of the rounds of a deleted backend. */
  void forget(String backendKey) {
    restartsSentFor.remove(backendKey);
    lastRoundAt.remove(backendKey);
    roundsPutOff.remove(backendKey);
  }

  private void restartHolders(
      BackendTarget target,
      Seen seen,
      Instant switchedAt,
      boolean resumed,
      ReconcileReport report,
      Instant now) {
    List<TokenConsumer> holding = seen.holdingPrevious();
    if (holding.isEmpty() || !target.rotation().orElseThrow().consumers().rolloutRestart()) {
      // Nobody left to restart for this switch, nor for any earlier one put off.
      roundsPutOff.remove(target.key());
      return;
    }
    // Whoever may create workloads decides how long a round lasts at the operator's pace, and a
    // round waits for each turn on this reconcile thread. One round per namespace at a time keeps
    // a namespace to one of the threads all namespaces share, and, each round awaiting one turn at
    // a time, shares the pace between namespaces in turn. The round put off is remembered, and
    // the backend's next reconcile, within a minute, sends it (sendRoundPutOff).
    if (!namespacesRestarting.add(target.namespace())) {
      Instant before = roundsPutOff.put(target.key(), switchedAt);
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
      roundsPutOff.remove(target.key());
      sendRound(target, holding, switchedAt, resumed, report, now);
    } finally {
      namespacesRestarting.remove(target.namespace());
    }
  }

  private void sendRound(
      BackendTarget target,
      List<TokenConsumer> holding,
      Instant switchedAt,
      boolean resumed,
      ReconcileReport report,
      Instant now) {
    // In whole seconds, as the Secret records the switch it may later claim is still pending.
    restartsSentFor.put(target.key(), switchedAt.truncatedTo(ChronoUnit.SECONDS));
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
    // One event of each kind per round, naming a few: whoever may create pods decides how many
    // workloads they name.
    if (!failed.isEmpty()) {
      report.event(
          "Warning",
          "ConsumerRestartFailed",
          "Could not restart "
              + firstFew(failed, "; ")
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
              + firstFew(restarted, ", ")
              + ": they may not have been sent (the process that switched died first, or the pods"
              + " could not be listed then). They carry that"
              + " switch's restartedAt, so a workload already restarted for it is not restarted"
              + " twice.");
    } else if (!restarted.isEmpty()) {
      report.event(
          "Normal",
          "ConsumersRestarted",
          "Rolling-restarted "
              + firstFew(restarted, ", ")
              + ": their pods read the token only at start.");
    }
    if (!left.isEmpty()) {
      report.event(
          "Warning",
          "ConsumersNotRestartable",
          "Pods "
              + firstFew(left, ", ")
              + " read the token only at start and belong to no Deployment, StatefulSet or"
              + " DaemonSet; restart them yourself before the previous token is revoked.");
    }
  }

  /** The first few of {@code items}, and how many more there are. */
  private static String firstFew(Collection<String> items, String separator) {
    String named = items.stream().limit(NAMED_AT_MOST).collect(Collectors.joining(separator));
    return items.size() > NAMED_AT_MOST
        ? named + " and " + (items.size() - NAMED_AT_MOST) + " more"
        : named;
  }

  /** After {@code rotate --revoke-previous}: the pods that held the revoked tokens, by name. */
  void reportRevokedOnRequest(Seen seen, ReconcileReport report) {
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

  private Seen look(
      BackendTarget target, Instant switchedAt, List<TokenSecretState.Predecessor> predecessors) {
    try {
      return new Seen(
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
      return new Seen(List.of(), switchedAt, predecessors, Optional.of(why));
    }
  }
}
