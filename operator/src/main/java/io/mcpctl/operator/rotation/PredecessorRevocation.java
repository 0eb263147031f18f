package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.CommandHints;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Revokes a previous token once OpenBao confirms it is not the current one: both are looked up and
 * their accessors compared, so a Secret whose {@code previous-token} was set to the current token
 * (a restored backup, an edit) never makes the operator revoke what consumers use. While the
 * current token itself fails, the previous one is kept.
 */
final class PredecessorRevocation {

  private final SecretAccess secrets;
  private final StepListener steps;

  PredecessorRevocation(SecretAccess secrets, StepListener steps) {
    this.secrets = secrets;
    this.steps = steps;
  }

  /**
   * Revokes the token of each slot, oldest first, until one is kept.
   *
   * @return as {@link #revoke(BackendTarget, TokenSecret, PreviousSlot, ReconcileReport)} for the
   *     last slot tried
   */
  StepOutcome revokeAll(
      BackendTarget target,
      TokenSecret secret,
      Collection<PreviousSlot> slots,
      ReconcileReport report) {
    List<PreviousSlot> oldestFirst =
        secret.state().predecessors().stream()
            .map(TokenSecretState.Predecessor::slot)
            .filter(slots::contains)
            .collect(Collectors.toCollection(ArrayList::new));
    Collections.reverse(oldestFirst);
    StepOutcome outcome = new StepOutcome.Done(secret);
    for (PreviousSlot slot : oldestFirst) {
      outcome = revoke(target, outcome.secretAfter().orElseThrow(), slot, report);
      if (outcome instanceof StepOutcome.Stopped) {
        return outcome;
      }
    }
    return outcome;
  }

  /**
   * @return {@link StepOutcome.Done} with the Secret without the slot's token, or {@link
   *     StepOutcome.Stopped} when that token is kept (the report has the failure)
   */
  StepOutcome revoke(
      BackendTarget target, TokenSecret secret, PreviousSlot slot, ReconcileReport report) {
    Optional<VaultToken> held = secret.token(slot.tokenKey());
    if (held.isEmpty()) {
      return new StepOutcome.Done(secret);
    }
    VaultToken previous = held.get();
    VaultToken currentToken = target.currentToken(secret);
    TokenInfo current;
    try {
      // Only its accessor is used: recording a check here would cost a status write per rotation.
      current = target.openbao().withToken(currentToken).lookupSelf();
    } catch (OpenBaoException failure) {
      Failure classified =
          FailureClassifier.classify(
              "looking up the current token before revoking the previous one",
              failure,
              true,
              target.openbao());
      StepOutcome kept = kept(classified.prefixed("The previous token is kept: "), report);
      if (classified.kind() == FailureKind.TOKEN_REJECTED) {
        report.tokenProblem(classified);
      }
      return kept;
    }
    Optional<String> previousAccessor;
    try {
      previousAccessor = Optional.of(target.openbao().withToken(previous).lookupSelf().accessor());
    } catch (TokenRejectedException alreadyGone) {
      previousAccessor = Optional.empty();
    } catch (OpenBaoException failure) {
      return kept(
          FailureClassifier.classify(
              "looking up the previous token", failure, false, target.openbao()),
          report);
    }
    if (previousAccessor.filter(current.accessor()::equals).isPresent()) {
      report.event(
          "Warning",
          "SecretRepaired",
          "The token Secret's "
              + slot.tokenKey()
              + " is the current token (same accessor); it was removed"
              + " from the Secret and not revoked. If the real previous token is still alive,"
              + " find it with "
              + CommandHints.findOrphans(target.namespace(), target.name())
              + ".");
    } else if (previousAccessor.isPresent()) {
      Optional<Failure> failure = Revocations.revoke(target, previous, "the previous token");
      if (failure.isPresent()) {
        return kept(failure.get(), report);
      }
      steps.completed(RotationStep.PREDECESSOR_REVOKED);
    }
    return clear(secret, slot, current.accessor(), report);
  }

  private StepOutcome clear(
      TokenSecret secret, PreviousSlot slot, String currentAccessor, ReconcileReport report) {
    Map<String, String> data = new HashMap<>();
    data.put(slot.tokenKey(), null);
    data.put(slot.accessorKey(), null);
    if (secret.value(TokenSecretKeys.ACCESSOR).filter(currentAccessor::equals).isEmpty()) {
      data.put(TokenSecretKeys.ACCESSOR, currentAccessor);
    }
    Map<String, String> annotations = new HashMap<>();
    annotations.put(slot.revokeAfterAnnotation(), null);
    if (slot.equals(PreviousSlot.NEWEST)) {
      // Nobody holds the token the last switch replaced any more: its restarts are moot.
      annotations.put(TokenSecretKeys.CONSUMERS_RESTART_FOR_ANNOTATION, null);
    } else {
      // Slot 1's retirement is the current token's rotated-at, which stays.
      annotations.put(slot.retiredAtAnnotation(), null);
    }
    try {
      TokenSecret cleared =
          secrets.write(secret.withData(data).withAnnotations(annotations), report);
      steps.completed(RotationStep.PREDECESSOR_CLEARED);
      return new StepOutcome.Done(cleared);
    } catch (SecretAccessException refused) {
      // Revoked already; the next try finds it gone ("already revoked" is done) and removes it.
      return kept(
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "The previous token is revoked but removing it from the Secret failed: "
                  + refused.getMessage()),
          report);
    }
  }

  private static StepOutcome kept(Failure failure, ReconcileReport report) {
    report.revokeFailed(failure);
    return new StepOutcome.Stopped(failure);
  }
}
