package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.CommandHints;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.operator.rotation.SuccessorVerifier.Accepted;
import io.mcpctl.operator.rotation.SuccessorVerifier.Dead;
import io.mcpctl.operator.rotation.SuccessorVerifier.Undecided;
import io.mcpctl.operator.rotation.SuccessorVerifier.Unsafe;
import io.mcpctl.operator.rotation.SuccessorVerifier.Verdict;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.schedule.RotationTimes;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes what an interrupted rotation left in the Secret: contradicting slots are removed, a
 * staged successor that passes every check is promoted, any other is revoked and unstaged.
 */
final class StagedRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(StagedRecovery.class);

  private final Clock clock;
  private final RandomGenerator random;
  private final SecretAccess secrets;
  private final Switch switches;

  StagedRecovery(Clock clock, RandomGenerator random, SecretAccess secrets, Switch switches) {
    this.clock = clock;
    this.random = random;
    this.secrets = secrets;
    this.switches = switches;
  }

  /**
   * A Secret whose slots contradict each other (a restored backup, a hand edit, tampering) is
   * repaired before anything acts on it: a slot that repeats another's token, or holds something
   * that is not a token, is removed and never revoked, so the token consumers use is never revoked
   * as a "previous" or "staged" one.
   */
  StepOutcome withoutContradictions(
      BackendTarget target, TokenSecret secret, ReconcileReport report) {
    Optional<SlotRepair> repair = SlotRepair.of(secret, target.tokenSecretRef().getKey());
    if (repair.isEmpty()) {
      return new StepOutcome.Done(secret);
    }
    try {
      TokenSecret repaired =
          secrets.write(
              secret.withData(repair.get().data()).withAnnotations(repair.get().annotations()),
              report);
      report.event(
          "Warning",
          "SecretRepaired",
          "The token Secret contradicted itself ("
              + repair.get().findings()
              + "); the contradicting keys were removed and no token was revoked. If a token"
              + " they stood for is still alive, find it with "
              + CommandHints.findOrphans(target.namespace(), target.name())
              + ".");
      return new StepOutcome.Done(repaired);
    } catch (SecretAccessException refused) {
      Failure failure =
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "The token Secret contradicts itself ("
                  + repair.get().findings()
                  + ") and repairing it failed: "
                  + refused.getMessage());
      report.rotationFailed(failure);
      return new StepOutcome.Stopped(failure);
    }
  }

  /**
   * @return {@link StepOutcome.Promoted} when the staged token became current, {@link
   *     StepOutcome.Done} when it was revoked and unstaged, {@link StepOutcome.Stopped} otherwise
   */
  StepOutcome resolve(
      BackendTarget target, RotationSettings settings, TokenSecret secret, ReconcileReport report) {
    VaultToken staged = secret.token(TokenSecretKeys.NEXT_TOKEN).orElseThrow();
    OpenBaoClient stagedClient = target.openbao().withToken(staged);
    Verdict verdict =
        SuccessorVerifier.staged(stagedClient, settings, target.kvMount(), target.kvFolder());
    if (verdict instanceof Undecided undecided) {
      Failure failure =
          FailureClassifier.classify(
              "verifying a staged token", undecided.failure(), false, target.openbao());
      report.rotationFailed(failure);
      return new StepOutcome.Stopped(failure);
    }
    // A refusal is no proof that the token is gone: a standby behind the active node, or a
    // gateway, refuses a live one too. So a dead-looking token is revoked like an unsafe one: one
    // answer more when it is gone, no token held by nobody when it is not.
    if (verdict instanceof Dead || verdict instanceof Unsafe) {
      if (secret.holdsElsewhere(TokenSecretKeys.NEXT_TOKEN, staged)) {
        // Not this reconcile's successor: the same value under another key (the consumers' key
        // before the spec named another one) is a token in use.
        LOG.info(
            "Unstaged the token staged for {} without revoking it: another key of its Secret holds"
                + " it.",
            target.key());
        return unstage(secret, report);
      }
      Optional<Failure> revokeFailure = Revocations.revoke(target, staged, "a staged token");
      if (revokeFailure.isPresent()) {
        report.revokeFailed(revokeFailure.get());
        return new StepOutcome.Stopped(revokeFailure.get());
      }
      LOG.info(
          "Revoked the token staged for {}: {}",
          target.key(),
          verdict instanceof Unsafe unsafe ? unsafe.reason() : "OpenBao no longer accepted it");
      return unstage(secret, report);
    }
    return promote(target, settings, secret, (Accepted) verdict, report);
  }

  private StepOutcome promote(
      BackendTarget target,
      RotationSettings settings,
      TokenSecret secret,
      Accepted accepted,
      ReconcileReport report) {
    Instant now = clock.instant();
    Instant next = RotationTimes.nextRotationAt(now, settings, random);
    // OpenBao's answer, not the Secret's next-accessor, which may have been edited.
    Switch.Successor successor =
        new Switch.Successor(
            secret.token(TokenSecretKeys.NEXT_TOKEN).orElseThrow(), accepted.accessor());
    StepOutcome switched =
        switches.switchTo(target, settings, secret, successor, now, next, report);
    if (!(switched instanceof StepOutcome.Done done)) {
      return switched;
    }
    report.rotated(
        new ReconcileReport.Switch(now, next),
        TokenFacts.ofAccepted(accepted, now),
        "Promoted the verified token an interrupted rotation had staged; the next"
            + " rotation is at "
            + Rfc3339.format(next)
            + ".");
    return new StepOutcome.Promoted(
        switches.endGraceWithoutPeriod(target, settings, done.secret(), report));
  }

  private StepOutcome unstage(TokenSecret secret, ReconcileReport report) {
    try {
      return new StepOutcome.Done(secrets.write(secret.withoutStaged(), report));
    } catch (SecretAccessException refused) {
      Failure failure =
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "Removing a revoked staged token from the Secret failed: " + refused.getMessage());
      report.rotationFailed(failure);
      return new StepOutcome.Stopped(failure);
    }
  }
}
