package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.schedule.RotationTimes;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic health check of the current token: lookup-self, {@code sys/capabilities-self}, and a
 * renewal when rotations keep failing and the token runs out. Static tokens get the same check.
 */
final class TokenCheck {

  private static final Logger LOG = LoggerFactory.getLogger(TokenCheck.class);

  private final Clock clock;
  private final Duration warningWindow;
  private final SecretAccess secrets;

  TokenCheck(Clock clock, Duration warningWindow, SecretAccess secrets) {
    this.clock = clock;
    this.warningWindow = warningWindow;
    this.secrets = secrets;
  }

  /** Checks the current token of a Secret that passed {@link TokenSecretCheck}. */
  void check(BackendTarget target, TokenSecret secret, TokenMeta known, ReconcileReport report) {
    report.secretSeen(secret);
    VaultToken current = target.currentToken(secret);
    lookUp(target, current, known, report)
        .filter(info -> target.rotation().isPresent())
        .ifPresent(info -> repairAccessor(secret, info.accessor(), report));
  }

  /**
   * After a failed rotation: when OpenBao answered but refused, the current token is looked up too,
   * so that the status never says it still works after OpenBao rejected it; otherwise it is only
   * renewed if it runs out.
   */
  void afterFailedRotation(
      BackendTarget target,
      VaultToken current,
      Failure failure,
      TokenMeta known,
      ReconcileReport report) {
    if (failure.kind() == FailureKind.ROTATION_ERROR) {
      lookUp(target, current, known, report);
    } else {
      renewIfRunningOut(
          target, target.openbao().withToken(current), knownFacts(known), known, report);
    }
  }

  /**
   * @return what OpenBao said about the token, or empty when it did not answer or refused it
   */
  private Optional<TokenInfo> lookUp(
      BackendTarget target, VaultToken current, TokenMeta known, ReconcileReport report) {
    Instant now = clock.instant();
    report.checkAttempted(now);
    OpenBaoClient client = target.openbao().withToken(current);
    try {
      TokenInfo info = client.lookupSelf();
      TokenFacts facts = TokenFacts.fromLookup(info, knownPeriod(known));
      report.tokenChecked(facts, now);
      facts
          .expiresAt()
          .filter(expiry -> expiry.isBefore(now.plus(warningWindow)))
          .ifPresent(
              expiry ->
                  report.event(
                      "Warning",
                      "TokenExpiringSoon",
                      "The token expires at "
                          + Rfc3339.format(expiry)
                          + ", within the "
                          + GoDuration.format(warningWindow)
                          + " warning window."));
      renewIfRunningOut(target, client, facts, known, report);
      // After the renewal, whose report of the token would clear what the probe finds.
      KvAccessProbe.probe(client, target, report);
      return Optional.of(info);
    } catch (OpenBaoException failure) {
      report.tokenProblem(
          FailureClassifier.classify(
              "looking up the current token", failure, true, target.openbao()));
      return Optional.empty();
    }
  }

  /**
   * The Secret's {@code accessor} must be the one of its token: the accessor comparison before a
   * revocation relies on OpenBao's answers, and the audit on the Secret's record.
   */
  private void repairAccessor(TokenSecret secret, String actual, ReconcileReport report) {
    Optional<String> recorded = secret.value(TokenSecretKeys.ACCESSOR);
    if (recorded.isEmpty() || recorded.get().equals(actual)) {
      return;
    }
    try {
      secrets.write(secret.withData(Map.of(TokenSecretKeys.ACCESSOR, actual)), report);
      report.event(
          "Warning",
          "SecretRepaired",
          "The token Secret's accessor did not belong to its token; it now holds the token's own"
              + " accessor, as OpenBao reports it.");
    } catch (SecretAccessException refused) {
      LOG.warn(
          "The accessor in the token Secret of {} does not belong to its token and could not be"
              + " corrected: {}",
          secret.namespace() + "/" + secret.name(),
          refused.getMessage());
    }
  }

  private void renewIfRunningOut(
      BackendTarget target,
      OpenBaoClient currentClient,
      TokenFacts facts,
      TokenMeta known,
      ReconcileReport report) {
    int failures =
        (known.getConsecutiveFailures() == null ? 0 : known.getConsecutiveFailures())
            + (report.rotationFailure().isPresent() ? 1 : 0);
    Instant now = clock.instant();
    if (!RotationTimes.shouldRenew(
        failures, facts.renewable(), facts.expiresAt(), warningWindow, now)) {
      return;
    }
    try {
      IssuedToken renewed = currentClient.renewSelf();
      Instant expiresAt = now.plus(renewed.leaseDuration());
      report.tokenChecked(
          new TokenFacts(
              facts.generatedAt(),
              Optional.of(expiresAt),
              renewed.renewable(),
              facts.period(),
              facts.policies()),
          now);
      LOG.info(
          "Renewed the current token of {} while rotations fail; it now expires at {}.",
          target.key(),
          Rfc3339.format(expiresAt));
    } catch (OpenBaoException failure) {
      LOG.warn("Renewing the current token of {} failed: {}", target.key(), failure.getMessage());
    }
  }

  private static TokenFacts knownFacts(TokenMeta known) {
    return new TokenFacts(
        Rfc3339.parse(known.getGeneratedAt()),
        Rfc3339.parse(known.getExpiresAt()),
        Boolean.TRUE.equals(known.getRenewable()),
        knownPeriod(known),
        known.getPolicies() == null ? List.of() : known.getPolicies());
  }

  private static Optional<Duration> knownPeriod(TokenMeta known) {
    if (known.getPeriod() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(GoDuration.parse(known.getPeriod()));
    } catch (IllegalArgumentException damaged) {
      return Optional.empty();
    }
  }
}
