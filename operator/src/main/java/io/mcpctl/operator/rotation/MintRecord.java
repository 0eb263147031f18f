package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.CommandHints;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Secret's record that a mint started ({@code mcpctl.io/mint-started-at}), so that a restarted
 * operator or a new leader never mints again while an earlier mint may still be answered. A record
 * left by a mint that can no longer be answered means that mint's token may be alive and held by
 * nobody: reported as a possible orphan.
 */
final class MintRecord {

  private static final Logger LOG = LoggerFactory.getLogger(MintRecord.class);

  /**
   * How long after its mint timeout a recorded mint may still be answered: the other process's
   * clock and its write of the record.
   */
  static final Duration MARGIN = Duration.ofSeconds(10);

  private final Clock clock;
  private final SecretAccess secrets;

  MintRecord(Clock clock, SecretAccess secrets) {
    this.clock = clock;
    this.secrets = secrets;
  }

  /**
   * Records that a mint starts now.
   *
   * @return {@link StepOutcome.Done} with the Secret holding the record, {@link
   *     StepOutcome.Deferred} while an earlier mint may still be answered, {@link
   *     StepOutcome.Stopped} when the record could not be written
   */
  StepOutcome start(
      BackendTarget target, String tokenRole, TokenSecret secret, ReconcileReport report) {
    Instant now = clock.instant();
    Optional<Instant> earlier = secret.annotationTime(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION);
    if (earlier.filter(startedAt -> startedAt.isAfter(now.plus(MARGIN))).isPresent()) {
      // No mint starts in the future: an edit or a clock gone wrong, which must not hold
      // rotations (and so the token's runway) back for ever. It is written over below.
      report.event(
          "Warning",
          "SecretRepaired",
          "The token Secret recorded a mint starting at "
              + Rfc3339.format(earlier.get())
              + ", later than now; the record was replaced by this rotation's.");
      earlier = Optional.empty();
    }
    if (earlier.isPresent()) {
      Instant answeredBy =
          earlier.get().plus(target.openbao().connection().mintTimeout()).plus(MARGIN);
      if (answeredBy.isAfter(now)) {
        report.rotationDeferred(
            answeredBy,
            "A mint started at "
                + Rfc3339.format(earlier.get())
                + " by an operator that stopped may still be answered; the rotation waits"
                + " until "
                + Rfc3339.format(answeredBy)
                + " so that it never mints twice for one rotation.");
        return new StepOutcome.Deferred(answeredBy);
      }
      report.possibleOrphan(
          orphanMessage(target, tokenRole, earlier.get(), "never reached the Secret"));
    }
    Map<String, String> record = new HashMap<>();
    record.put(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION, Rfc3339.format(now));
    try {
      return new StepOutcome.Done(secrets.write(secret.withAnnotations(record), report));
    } catch (SecretAccessException refused) {
      return new StepOutcome.Stopped(
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "Recording the mint in the Secret failed, so nothing was minted: "
                  + refused.getMessage()));
    }
  }

  /** Removes the record of a mint that certainly left no token behind. */
  void clear(BackendTarget target, TokenSecret marked, ReconcileReport report) {
    try {
      secrets.write(withoutRecord(marked), report);
    } catch (SecretAccessException refused) {
      LOG.info(
          "The record of a finished mint of {} stays in its Secret until the next rotation: {}",
          target.key(),
          refused.getMessage());
    }
  }

  /** The successor staged, and the mint's record removed: the mint is answered. */
  static TokenSecret withStaged(TokenSecret secret, IssuedToken successor) {
    return withoutRecord(
        secret.withData(
            Map.of(
                TokenSecretKeys.NEXT_TOKEN, successor.clientToken().reveal(),
                TokenSecretKeys.NEXT_ACCESSOR, successor.accessor())));
  }

  /** The Warning a possibly orphaned mint gets, with the command that finds the token. */
  static String orphanMessage(
      BackendTarget target, String tokenRole, Instant startedAt, String what) {
    return "A mint with role "
        + tokenRole
        + " started at "
        + Rfc3339.format(startedAt)
        + " "
        + what
        + "; if OpenBao completed it, a token is alive that no Secret holds. Find it with "
        + CommandHints.findOrphans(target.namespace(), target.name())
        + " and revoke it.";
  }

  private static TokenSecret withoutRecord(TokenSecret secret) {
    Map<String, String> removed = new HashMap<>();
    removed.put(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION, null);
    return secret.withAnnotations(removed);
  }
}
