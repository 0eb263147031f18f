package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.schedule.NextAction;
import io.mcpctl.schedule.ReconcilePlanner;
import io.mcpctl.time.Rfc3339;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Drives the {@link ActionRunner} the way the reconciliation does (read the Secret, refuse an
 * unusable one, let the real planner choose the one action, perform it) without status, limiter or
 * events, so that a test sees exactly one action's report.
 */
final class ActionDriver {

  private final Clock clock;
  private final TokenSecretStore secrets;
  private final ActionRunner runner;
  private final ReconcilePlanner planner = new ReconcilePlanner(Duration.ofHours(1));
  private int requests;

  ActionDriver(Clock clock, TokenSecretStore secrets, long seed) {
    this.clock = clock;
    this.secrets = secrets;
    this.runner =
        new ActionRunner(
            clock,
            secrets,
            new SplittableRandom(seed),
            Duration.ofDays(7),
            new BackendLocks(),
            StepListener.NONE);
  }

  /** What the planner makes of a new {@code kubectl mcpctl rotate} request. */
  void rotate(BackendTarget target, TokenMeta known, ReconcileReport report) {
    requests++;
    perform(target, known, report, Optional.of("request-" + requests));
  }

  /** What the planner makes of the Secret when neither a rotation nor a check is due. */
  void recover(BackendTarget target, TokenMeta known, ReconcileReport report) {
    perform(target, known, report, Optional.empty());
  }

  /** The periodic check of the current token. */
  void check(BackendTarget target, TokenMeta known, ReconcileReport report) {
    read(target, report)
        .ifPresent(
            secret -> runner.perform(new NextAction.CheckToken(), target, secret, known, report));
  }

  /** Performs {@code action} whatever the planner would say, on the Secret as it is. */
  void perform(NextAction action, BackendTarget target, TokenMeta known, ReconcileReport report) {
    read(target, report).ifPresent(secret -> runner.perform(action, target, secret, known, report));
  }

  /** The finalizer's revocation. */
  Optional<Failure> revokeAll(BackendTarget target) {
    return new FinalRevocation(secrets).revokeAll(target);
  }

  private void perform(
      BackendTarget target,
      TokenMeta known,
      ReconcileReport report,
      Optional<String> rotateRequest) {
    Instant now = clock.instant();
    TokenMeta planned = new TokenMeta();
    planned.setNextRotationAt(Rfc3339.format(now.plus(Duration.ofDays(365))));
    planned.setLastCheckedAt(Rfc3339.format(now));
    read(target, report)
        .ifPresent(
            secret ->
                runner.perform(
                    planner
                        .plan(
                            target.rotation().isPresent(),
                            planned,
                            secret.state(),
                            rotateRequest,
                            false,
                            false,
                            now)
                        .action(),
                    target,
                    secret,
                    known,
                    report));
  }

  private Optional<TokenSecret> read(BackendTarget target, ReconcileReport report) {
    Optional<TokenSecret> secret =
        secrets.read(target.namespace(), target.tokenSecretRef().getName());
    Optional<Failure> unusable = TokenSecretCheck.unusable(target, secret);
    unusable.ifPresent(report::tokenProblem);
    return unusable.isPresent() ? Optional.empty() : secret;
  }
}
