package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.VaultToken;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the switch: the verified successor becomes the current token, the predecessor the previous
 * one until the grace period ends. This write is the rotation's point of no return.
 */
final class Switch {

  private final SecretAccess secrets;
  private final PredecessorRevocation predecessors;
  private final StepListener steps;

  Switch(SecretAccess secrets, PredecessorRevocation predecessors, StepListener steps) {
    this.secrets = secrets;
    this.predecessors = predecessors;
    this.steps = steps;
  }

  /** The successor, as OpenBao vouched for it. */
  record Successor(VaultToken token, String accessor) {}

  /**
   * A failed write is read back, because a write that timed out may have happened anyway; the
   * successor is revoked only when the Secret certainly holds it nowhere.
   *
   * @param staged the Secret with the successor staged
   * @param switchedAt the time the switch records as the rotation's
   * @param next the next rotation, rolled for this switch
   * @return {@link StepOutcome.Done} with the switched Secret, or {@link StepOutcome.Stopped}
   */
  StepOutcome switchTo(
      BackendTarget target,
      RotationSettings settings,
      TokenSecret staged,
      Successor successor,
      Instant switchedAt,
      Instant next,
      ReconcileReport report) {
    String tokenKey = target.tokenSecretRef().getKey();
    Map<String, String> data = new HashMap<>();
    Map<String, String> annotations = new HashMap<>();
    if (staged.value(PreviousSlot.NEWEST.tokenKey()).isPresent()) {
      Optional<PreviousSlot> older = staged.freeOlderSlot();
      if (older.isEmpty()) {
        return failed(
            "Every previous-token slot holds a token waiting for its revocation; the successor"
                + " stays staged until one is revoked.",
            report);
      }
      moveNewestTo(older.get(), staged, data, annotations);
    }
    data.put(tokenKey, successor.token().reveal());
    data.put(TokenSecretKeys.ACCESSOR, successor.accessor());
    data.put(TokenSecretKeys.PREVIOUS_TOKEN, staged.token(tokenKey).orElseThrow().reveal());
    data.put(
        TokenSecretKeys.PREVIOUS_ACCESSOR, staged.value(TokenSecretKeys.ACCESSOR).orElse(null));
    data.put(TokenSecretKeys.NEXT_TOKEN, null);
    data.put(TokenSecretKeys.NEXT_ACCESSOR, null);
    annotations.put(
        TokenSecretKeys.PREVIOUS_REVOKE_AFTER_ANNOTATION,
        Rfc3339.format(switchedAt.plus(settings.revokeGracePeriod())));
    annotations.put(TokenSecretKeys.ROTATED_AT_ANNOTATION, Rfc3339.format(switchedAt));
    annotations.put(TokenSecretKeys.NEXT_ROTATION_AT_ANNOTATION, Rfc3339.format(next));
    annotations.put(
        TokenSecretKeys.CONSUMERS_RESTART_FOR_ANNOTATION,
        settings.consumers().rolloutRestart() ? Rfc3339.format(switchedAt) : null);
    try {
      TokenSecret switched =
          secrets.write(staged.withData(data).withAnnotations(annotations), report);
      steps.completed(RotationStep.SWITCHED);
      return new StepOutcome.Done(switched);
    } catch (SecretAccessException refused) {
      return afterFailedWrite(target, successor.token(), refused, report);
    }
  }

  /**
   * The token replaced by the previous switch keeps waiting for its own revocation time in an older
   * slot, with the time it was replaced, so that the pods holding it are still told apart.
   */
  private static void moveNewestTo(
      PreviousSlot older,
      TokenSecret staged,
      Map<String, String> data,
      Map<String, String> annotations) {
    PreviousSlot newest = PreviousSlot.NEWEST;
    data.put(older.tokenKey(), staged.value(newest.tokenKey()).orElseThrow());
    data.put(older.accessorKey(), staged.value(newest.accessorKey()).orElse(null));
    annotations.put(
        older.revokeAfterAnnotation(), staged.annotations().get(newest.revokeAfterAnnotation()));
    annotations.put(
        older.retiredAtAnnotation(), staged.annotations().get(newest.retiredAtAnnotation()));
  }

  /**
   * Without a grace period the predecessor is revoked at once, in the same reconcile as the switch
   * that the report has already recorded.
   *
   * @return the Secret as it is now
   */
  TokenSecret endGraceWithoutPeriod(
      BackendTarget target,
      RotationSettings settings,
      TokenSecret switched,
      ReconcileReport report) {
    if (!settings.revokeGracePeriod().isZero()) {
      return switched;
    }
    return predecessors
        .revoke(target, switched, PreviousSlot.NEWEST, report)
        .secretAfter()
        .orElse(switched);
  }

  private StepOutcome afterFailedWrite(
      BackendTarget target,
      VaultToken successor,
      SecretAccessException refused,
      ReconcileReport report) {
    String tokenKey = target.tokenSecretRef().getKey();
    Optional<TokenSecret> reread;
    try {
      reread = secrets.read(target);
      reread.ifPresent(report::secretSeen);
    } catch (SecretAccessException unreadable) {
      return failed(
          "Switching to the successor failed and the Secret could not be read back; the"
              + " staged token is resolved at the next reconcile: "
              + refused.getMessage(),
          report);
    }
    if (reread.flatMap(secret -> secret.token(tokenKey)).filter(successor::equals).isPresent()) {
      steps.completed(RotationStep.SWITCHED);
      return new StepOutcome.Done(reread.get());
    }
    // Staged still, or kept by another writer since (a replica that took the lead promoted it,
    // then rotated again): the Secret has it, and the next reconcile decides from there.
    boolean stillHeld = reread.filter(secret -> secret.holds(successor)).isPresent();
    if (!stillHeld) {
      Revocations.revoke(target, successor, "the successor that was not switched in")
          .ifPresent(
              failure ->
                  report.revokeFailed(
                      failure.prefixed(
                          "The successor could not be revoked after a failed switch: ")));
    }
    return failed(
        "Switching to the successor failed"
            + (stillHeld
                ? "; the Secret still holds it, and the next reconcile resolves it: "
                : ": ")
            + refused.getMessage(),
        report);
  }

  private static StepOutcome failed(String message, ReconcileReport report) {
    Failure failure = Failure.of(FailureKind.ROTATION_ERROR, message);
    report.rotationFailed(failure);
    return new StepOutcome.Stopped(failure);
  }
}
