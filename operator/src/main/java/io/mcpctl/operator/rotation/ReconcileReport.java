package io.mcpctl.operator.rotation;

import io.mcpctl.consumer.Workload;
import io.mcpctl.openbao.policy.KvAccessCheck;
import io.mcpctl.schedule.TokenSecretState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile found and did, collected by the rotator and turned into status, events and
 * metrics by the reconciler. Used by one thread for one reconcile.
 */
public final class ReconcileReport {

  private final List<Workload> restarted = new ArrayList<>();

  /** A Kubernetes event to emit; the message never contains a token. */
  public record Event(String type, String reason, String message) {}

  /** A completed rotation. */
  public record Switch(Instant switchedAt, Instant nextRotationAt) {}

  private TokenFacts currentToken;
  private Instant checkedAt;
  private Switch rotated;
  private Failure rotationFailure;
  private Failure tokenProblem;
  private boolean openBaoAnswered;
  private TokenSecretState secretState;
  private Optional<String> policyTooBroad;
  private Instant deferredUntil;
  private int possibleOrphans;
  private Integer consumersOnPreviousToken;
  private final List<Event> events = new ArrayList<>();
  private final List<Failure> revokeFailures = new ArrayList<>();

  public Optional<TokenFacts> currentToken() {
    return Optional.ofNullable(currentToken);
  }

  public Optional<Instant> checkedAt() {
    return Optional.ofNullable(checkedAt);
  }

  public Optional<Switch> rotated() {
    return Optional.ofNullable(rotated);
  }

  public Optional<Failure> rotationFailure() {
    return Optional.ofNullable(rotationFailure);
  }

  /** The last problem with OpenBao or the current token (sealed, rejected, Secret missing…). */
  public Optional<Failure> tokenProblem() {
    return Optional.ofNullable(tokenProblem);
  }

  /** True when OpenBao accepted the current token in this reconcile. */
  public boolean openBaoAnswered() {
    return openBaoAnswered;
  }

  /**
   * What the token Secret holds after this reconcile's reads and writes, as the rotator last read
   * or wrote it; empty when it read nothing or a write failed, whose outcome is then unknown.
   */
  public Optional<TokenSecretState> secretState() {
    return Optional.ofNullable(secretState);
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  /**
   * What this reconcile learned about the breadth of the token's policy: empty when it was not
   * asked (the last known verdict stands), else present with the sentence when the policy reaches
   * other namespaces' secrets, or present and empty when it does not.
   */
  public Optional<Optional<String>> policyBreadth() {
    return Optional.ofNullable(policyTooBroad);
  }

  /**
   * When a rotation that must not start yet may start: a mint another operator started may still be
   * answered until then. Not a failure: nothing went wrong that anyone must fix.
   */
  public Optional<Instant> deferredUntil() {
    return Optional.ofNullable(deferredUntil);
  }

  /** Mints of this reconcile (or of a dead predecessor) whose fate is unknown. */
  public int possibleOrphans() {
    return possibleOrphans;
  }

  /**
   * How many containers still hold a previous token, when this reconcile looked at the pods (at a
   * switch, or while a previous token is kept); empty when it did not look.
   */
  public Optional<Integer> consumersOnPreviousToken() {
    return Optional.ofNullable(consumersOnPreviousToken);
  }

  /** The pods were looked at: {@code containers} still hold a previous token. */
  public void consumersLookedAt(int containers) {
    consumersOnPreviousToken = containers;
  }

  public List<Failure> revokeFailures() {
    return List.copyOf(revokeFailures);
  }

  void tokenChecked(TokenFacts facts, Instant at) {
    currentToken = facts;
    checkedAt = at;
    openBaoAnswered = true;
    tokenProblem = null;
  }

  void secretSeen(TokenSecret secret) {
    secretState = secret.state();
  }

  void secretUnknown() {
    secretState = null;
  }

  void checkAttempted(Instant at) {
    checkedAt = at;
  }

  void rotated(Switch record, TokenFacts facts, String message) {
    rotated = record;
    rotationFailure = null;
    tokenChecked(facts, record.switchedAt());
    events.add(new Event("Normal", "Rotated", message));
  }

  void rotationFailed(Failure failure) {
    rotationFailure = failure;
    if (failure.kind() != FailureKind.ROTATION_ERROR) {
      tokenProblem = failure;
    }
    events.add(new Event("Warning", "RotationFailed", failure.message()));
  }

  public void tokenProblem(Failure failure) {
    tokenProblem = failure;
  }

  void revokeFailed(Failure failure) {
    revokeFailures.add(failure);
    if (failure.kind().isAvailability()) {
      tokenProblem = failure;
    }
    events.add(new Event("Warning", "RevokeFailed", failure.message()));
  }

  /** A workload rolling-restarted after this reconcile's switch. */
  public void restarted(Workload workload) {
    restarted.add(workload);
  }

  public List<Workload> restartedWorkloads() {
    return List.copyOf(restarted);
  }

  public void event(String type, String reason, String message) {
    events.add(new Event(type, reason, message));
  }

  /** After a successful lookup: what the token may do in KV. */
  void kvAccessChecked(KvAccessCheck.Verdict verdict) {
    policyTooBroad = verdict.tooBroad();
    verdict
        .cannotUseOwnFolder()
        .ifPresent(sentence -> tokenProblem = Failure.of(FailureKind.KV_ACCESS_DENIED, sentence));
  }

  void rotationDeferred(Instant until, String message) {
    deferredUntil = until;
    events.add(new Event("Normal", "RotationDeferred", message));
  }

  /** A mint whose answer never arrived: OpenBao may hold a token that no Secret does. */
  void possibleOrphan(String message) {
    possibleOrphans++;
    events.add(new Event("Warning", "PossibleOrphan", message));
  }
}
