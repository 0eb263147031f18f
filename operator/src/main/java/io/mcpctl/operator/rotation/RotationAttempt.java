package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.ServerErrorException;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.operator.rotation.SuccessorVerifier.Accepted;
import io.mcpctl.operator.rotation.SuccessorVerifier.Undecided;
import io.mcpctl.operator.rotation.SuccessorVerifier.Unsafe;
import io.mcpctl.operator.rotation.SuccessorVerifier.Verdict;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.schedule.RotationTimes;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.PreviousSlot;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rotation of a Secret that holds only its current token: record the mint, mint with the
 * current token, refuse an unsafe successor, stage, verify, switch. Until the switch the current
 * token is untouched and a failure revokes the successor; from the staging on, a crash leaves the
 * successor where {@link StagedRecovery} finds it.
 */
final class RotationAttempt {

  private static final Logger LOG = LoggerFactory.getLogger(RotationAttempt.class);

  private final Clock clock;
  private final RandomGenerator random;
  private final SecretAccess secrets;
  private final MintRecord mints;
  private final Switch switches;
  private final TokenCheck checks;
  private final StepListener steps;

  RotationAttempt(
      Clock clock,
      RandomGenerator random,
      SecretAccess secrets,
      Switch switches,
      TokenCheck checks,
      StepListener steps) {
    this.clock = clock;
    this.random = random;
    this.secrets = secrets;
    this.mints = new MintRecord(clock, secrets);
    this.switches = switches;
    this.checks = checks;
    this.steps = steps;
  }

  /**
   * @return {@link StepOutcome.Done} after the switch, {@link StepOutcome.Deferred} while an
   *     earlier mint may still be answered, {@link StepOutcome.Stopped} after a failure (reported,
   *     the current token untouched)
   */
  StepOutcome run(
      BackendTarget target,
      RotationSettings settings,
      TokenSecret secret,
      TokenMeta known,
      ReconcileReport report) {
    return new Run(target, settings, secret, known, report).run();
  }

  /** The state of one run, so that each step reads as one call. */
  private final class Run {
    private final BackendTarget target;
    private final RotationSettings settings;
    private final TokenSecret secret;
    private final TokenMeta known;
    private final ReconcileReport report;
    private final VaultToken current;

    Run(
        BackendTarget target,
        RotationSettings settings,
        TokenSecret secret,
        TokenMeta known,
        ReconcileReport report) {
      this.target = target;
      this.settings = settings;
      this.secret = secret;
      this.known = known;
      this.report = report;
      this.current = target.currentToken(secret);
    }

    StepOutcome run() {
      if (secret.state().slotsFull()) {
        return fail(
            Failure.of(
                FailureKind.ROTATION_ERROR,
                "All "
                    + PreviousSlot.MAX
                    + " previous-token slots hold tokens waiting for their revocation; the"
                    + " rotation waits until one is revoked (rotate --revoke-previous revokes"
                    + " them now)."));
      }
      StepOutcome recorded = mints.start(target, settings.tokenRole(), secret, report);
      if (recorded instanceof StepOutcome.Stopped stopped) {
        return fail(stopped.failure());
      }
      if (!(recorded instanceof StepOutcome.Done done)) {
        return recorded;
      }
      TokenSecret marked = done.secret();
      steps.completed(RotationStep.MINT_RECORDED);
      IssuedToken successor;
      try {
        successor = target.openbao().withToken(current).createToken(settings.tokenRole());
      } catch (OpenBaoException failure) {
        if (MintFate.unknown(failure)) {
          report.possibleOrphan(
              MintRecord.orphanMessage(
                  target,
                  settings.tokenRole(),
                  clock.instant(),
                  failure instanceof ServerErrorException && failure.status() == 500
                      ? "was answered 500, which OpenBao also answers after making a token it"
                          + " could not audit"
                      : "got no answer"));
        }
        mints.clear(target, marked, report);
        return fail(
            FailureClassifier.classify(
                "minting the successor with role " + settings.tokenRole(),
                failure,
                true,
                target.openbao()));
      }
      steps.completed(RotationStep.MINTED);
      Optional<String> unsafe = SuccessorVerifier.unsafeFlags(successor, settings);
      if (unsafe.isPresent()) {
        return abandon(marked, successor, Failure.of(FailureKind.ROTATION_ERROR, unsafe.get()));
      }
      // Staged before any further call, so that from here on a crash leaves the successor where
      // the next recovery finds it.
      TokenSecret staged;
      try {
        staged = secrets.write(MintRecord.withStaged(marked, successor), report);
      } catch (SecretAccessException refused) {
        if (secretHolds(successor.clientToken())) {
          // The write went through after all: the successor is staged, and the next reconcile's
          // recovery resolves it (another writer may even have switched to it by then).
          return fail(
              Failure.of(
                  FailureKind.ROTATION_ERROR,
                  "Staging the successor in the Secret seemed to fail but went through; the next"
                      + " reconcile resolves it: "
                      + refused.getMessage()));
        }
        // The current token is untouched, so revoking the successor is safe here.
        return abandon(
            marked,
            successor,
            Failure.of(
                FailureKind.ROTATION_ERROR,
                "Staging the successor in the Secret failed: " + refused.getMessage()));
      }
      steps.completed(RotationStep.STAGED);
      return verifyAndSwitch(staged, successor);
    }

    private StepOutcome verifyAndSwitch(TokenSecret staged, IssuedToken successor) {
      OpenBaoClient successorClient = target.openbao().withToken(successor.clientToken());
      Verdict verified =
          SuccessorVerifier.afterStaging(
              successorClient, successor.policies(), settings, target.kvMount(), target.kvFolder());
      if (!(verified instanceof Accepted accepted)) {
        return abandonStaged(successor, staged, failureOf(verified, "verifying the successor"));
      }
      steps.completed(RotationStep.VERIFIED);
      Instant now = clock.instant();
      Instant next = RotationTimes.nextRotationAt(now, settings, random);
      StepOutcome switched =
          switches.switchTo(
              target,
              settings,
              staged,
              new Switch.Successor(successor.clientToken(), successor.accessor()),
              now,
              next,
              report);
      if (!(switched instanceof StepOutcome.Done done)) {
        return switched;
      }
      report.rotated(
          new ReconcileReport.Switch(now, next),
          TokenFacts.ofAccepted(accepted, now),
          "Rotated the token; the previous one is revoked after "
              + GoDuration.format(settings.revokeGracePeriod())
              + " and the next rotation is at "
              + Rfc3339.format(next)
              + ".");
      return new StepOutcome.Done(
          switches.endGraceWithoutPeriod(target, settings, done.secret(), report));
    }

    private Failure failureOf(Verdict verdict, String step) {
      if (verdict instanceof Unsafe unsafe) {
        return Failure.of(FailureKind.ROTATION_ERROR, unsafe.reason());
      }
      if (verdict instanceof Undecided undecided) {
        return FailureClassifier.classify(step, undecided.failure(), false, target.openbao());
      }
      return Failure.of(
          FailureKind.ROTATION_ERROR,
          "OpenBao stopped accepting the successor while " + step + ".");
    }

    /**
     * Revokes a successor that never reached the Secret. If OpenBao cannot revoke it now, it is
     * staged instead, so that the next recovery revokes it (or, if it turns out sound, promotes it)
     * rather than leaving a live token nobody knows about.
     */
    private StepOutcome abandon(TokenSecret marked, IssuedToken successor, Failure failure) {
      Optional<Failure> revokeFailure =
          Revocations.revoke(target, successor.clientToken(), "the refused successor");
      if (revokeFailure.isPresent()) {
        report.revokeFailed(
            revokeFailure.get().prefixed("The successor is kept staged until it can be revoked: "));
        try {
          secrets.write(MintRecord.withStaged(marked, successor), report);
        } catch (SecretAccessException refused) {
          LOG.error(
              "A successor of {} could be neither revoked nor staged; it expires after its period"
                  + " unless renewed, and nobody holds it: {}",
              target.key(),
              refused.getMessage());
          report.possibleOrphan(
              MintRecord.orphanMessage(
                  target,
                  settings.tokenRole(),
                  clock.instant(),
                  "could be neither revoked nor kept"));
        }
      } else {
        mints.clear(target, marked, report);
      }
      return fail(failure);
    }

    /**
     * Revokes a staged successor and unstages it; one that cannot be revoked stays staged. Only
     * while the Secret is as it was staged: when another writer changed it since (a replica that
     * took the lead meanwhile may have verified and switched to the successor), a Secret that still
     * holds the successor is left to the next reconcile's recovery, and one that no longer does
     * (replaced by hand, say) gets it revoked, since nothing would find it any more.
     */
    private StepOutcome abandonStaged(IssuedToken successor, TokenSecret staged, Failure failure) {
      Optional<TokenSecret> now;
      try {
        now = secrets.read(target);
      } catch (SecretAccessException unreadable) {
        LOG.info(
            "The token Secret of {} could not be read back; the successor stays staged and the"
                + " next reconcile resolves it: {}",
            target.key(),
            unreadable.getMessage());
        return fail(failure);
      }
      now.ifPresent(report::secretSeen);
      boolean held = now.filter(secret -> secret.holds(successor.clientToken())).isPresent();
      boolean unchanged =
          now.filter(secret -> secret.resourceVersion().equals(staged.resourceVersion()))
              .isPresent();
      if (held && !unchanged) {
        LOG.info(
            "The token Secret of {} changed after the successor was staged and still holds it;"
                + " the next reconcile resolves it from there.",
            target.key());
        return fail(failure);
      }
      Optional<Failure> revokeFailure =
          Revocations.revoke(target, successor.clientToken(), "the unverified successor");
      if (revokeFailure.isPresent() && !held) {
        report.revokeFailed(revokeFailure.get());
        report.possibleOrphan(
            MintRecord.orphanMessage(
                target,
                settings.tokenRole(),
                clock.instant(),
                "could not be revoked after its Secret was replaced"));
      } else if (revokeFailure.isPresent()) {
        report.revokeFailed(
            revokeFailure
                .get()
                .prefixed("The unverified successor stays staged until it can be revoked: "));
      } else if (unchanged) {
        try {
          secrets.write(staged.withoutStaged(), report);
        } catch (SecretAccessException refused) {
          LOG.info(
              "The revoked successor of {} stays staged until the next recovery removes it: {}",
              target.key(),
              refused.getMessage());
        }
      }
      return fail(failure);
    }

    /**
     * Whether the Secret holds {@code token} in any key, which is then what the reconcile knows of
     * it; false when it cannot be read.
     */
    private boolean secretHolds(VaultToken token) {
      try {
        Optional<TokenSecret> now = secrets.read(target);
        now.ifPresent(report::secretSeen);
        return now.filter(secret -> secret.holds(token)).isPresent();
      } catch (SecretAccessException unreadable) {
        return false;
      }
    }

    private StepOutcome fail(Failure failure) {
      report.rotationFailed(failure);
      checks.afterFailedRotation(target, current, failure, known, report);
      return new StepOutcome.Stopped(failure);
    }
  }
}
