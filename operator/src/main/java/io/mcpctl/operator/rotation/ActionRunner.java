package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.schedule.NextAction;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.schedule.RotationTrigger;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the one action the planner chose for a backend, with the steps of design §5: {@link
 * StagedRecovery}, {@link PredecessorRevocation}, {@link RotationAttempt} and {@link TokenCheck}.
 * The action is not decided again here; a step only looks at what the Secret holds after an earlier
 * step changed it. The Secret is the only state: its keys and annotations record every step, so a
 * fresh operator carries on where a dead one stopped.
 */
public final class ActionRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

  private final SecretAccess secrets;
  private final BackendLocks locks;
  private final StagedRecovery recovery;
  private final PredecessorRevocation predecessors;
  private final RotationAttempt attempts;
  private final TokenCheck checks;

  public ActionRunner(
      Clock clock,
      TokenSecretStore store,
      RandomGenerator random,
      Duration warningWindow,
      BackendLocks locks,
      StepListener steps) {
    this.secrets = new SecretAccess(store);
    this.locks = locks;
    this.predecessors = new PredecessorRevocation(secrets, steps);
    Switch switches = new Switch(secrets, predecessors, steps);
    this.recovery = new StagedRecovery(clock, random, secrets, switches);
    this.checks = new TokenCheck(clock, warningWindow, secrets);
    this.attempts = new RotationAttempt(clock, random, secrets, switches, checks, steps);
  }

  /**
   * Performs {@code action} on the Secret the caller has just read and found usable ({@link
   * TokenSecretCheck}); every write carries the version read. What happened is in the report.
   */
  public void perform(
      NextAction action,
      BackendTarget target,
      TokenSecret secret,
      TokenMeta known,
      ReconcileReport report) {
    report.secretSeen(secret);
    if (action instanceof NextAction.CheckToken) {
      checks.check(target, secret, known, report);
      return;
    }
    if (action instanceof NextAction.NothingDue) {
      return;
    }
    Optional<BackendLocks.Held> lock = locks.tryLock(target.key());
    Optional<TokenSecret> after;
    if (lock.isEmpty()) {
      LOG.info("A rotation of {} is already running; this one is skipped.", target.key());
      after = Optional.empty();
    } else {
      try (BackendLocks.Held held = lock.get()) {
        after = underLock(action, target, settingsOf(target), secret, known, report);
      }
    }
    if (thenCheck(action)) {
      after
          .or(() -> secrets.readUsable(target, report))
          .ifPresent(current -> checks.check(target, current, known, report));
    }
  }

  /**
   * @return the Secret as the action left it, or empty when it stopped
   */
  private Optional<TokenSecret> underLock(
      NextAction action,
      BackendTarget target,
      RotationSettings settings,
      TokenSecret read,
      TokenMeta known,
      ReconcileReport report) {
    StepOutcome repaired = recovery.withoutContradictions(target, read, report);
    if (!(repaired instanceof StepOutcome.Done done)) {
      return Optional.empty();
    }
    TokenSecret secret = done.secret();
    if (action instanceof NextAction.ResolveStaged staged) {
      // The repair may have removed the staged token (it repeated another slot's).
      StepOutcome resolved =
          secret.token(TokenSecretKeys.NEXT_TOKEN).isEmpty()
              ? new StepOutcome.Done(secret)
              : recovery.resolve(target, settings, secret, report);
      if (staged.dueRotation().isEmpty() || resolved instanceof StepOutcome.Promoted) {
        return resolved.secretAfter();
      }
      return rotateAfter(resolved, "staged", target, settings, known, report);
    }
    if (action instanceof NextAction.RevokePredecessors revoke) {
      return predecessors.revokeAll(target, secret, revoke.due(), report).secretAfter();
    }
    NextAction.Rotate rotate = (NextAction.Rotate) action;
    StepOutcome cleared = predecessors.revokeAll(target, secret, rotate.revokeFirst(), report);
    // A leak response: the token this rotation replaces goes at the switch too.
    RotationSettings used =
        rotate.trigger() == RotationTrigger.REVOKE_PREVIOUS_REQUEST
            ? settings.withoutGracePeriod()
            : settings;
    return rotateAfter(cleared, "previous", target, used, known, report);
  }

  /**
   * The attempt after the recovery it needs; a recovery that kept a token back makes the rotation
   * fail too, so that status and back-off show the rotation waits.
   */
  private Optional<TokenSecret> rotateAfter(
      StepOutcome recovered,
      String kept,
      BackendTarget target,
      RotationSettings settings,
      TokenMeta known,
      ReconcileReport report) {
    if (recovered instanceof StepOutcome.Stopped stopped) {
      if (report.rotationFailure().isEmpty()) {
        report.rotationFailed(
            stopped
                .failure()
                .prefixed("The rotation waits until the " + kept + " token is revoked: "));
      }
      return Optional.empty();
    }
    TokenSecret secret = recovered.secretAfter().orElseThrow();
    return attempts.run(target, settings, secret, known, report).secretAfter();
  }

  private static boolean thenCheck(NextAction action) {
    return action instanceof NextAction.ResolveStaged staged && staged.thenCheck()
        || action instanceof NextAction.RevokePredecessors revoke && revoke.thenCheck();
  }

  private static RotationSettings settingsOf(BackendTarget target) {
    return target
        .rotation()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Backend "
                        + target.key()
                        + " does not rotate its token; it cannot be rotated."));
  }
}
