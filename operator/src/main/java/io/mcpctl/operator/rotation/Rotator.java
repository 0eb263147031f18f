package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.CommandHints;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.operator.rotation.SuccessorVerifier.Accepted;
import io.mcpctl.operator.rotation.SuccessorVerifier.Dead;
import io.mcpctl.operator.rotation.SuccessorVerifier.Undecided;
import io.mcpctl.operator.rotation.SuccessorVerifier.Unsafe;
import io.mcpctl.operator.rotation.SuccessorVerifier.Verdict;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.schedule.RotationTimes;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates one backend's token exactly as design §5 says: recover, mint with the current token,
 * refuse an unsafe successor, stage, verify, switch, revoke the predecessor after the grace period,
 * record. Until the switch the current token is untouched and a failure revokes the successor. The
 * Secret is the only state: its keys and annotations record every step, so a fresh rotator carries
 * on where a dead one stopped.
 */
public final class Rotator {

  private static final Logger LOG = LoggerFactory.getLogger(Rotator.class);

  /**
   * How long after its mint timeout a recorded mint may still be answered: the other process's
   * clock and its write of the record.
   */
  static final Duration MINT_RECORD_MARGIN = Duration.ofSeconds(10);

  private final Clock clock;
  private final TokenSecretStore secrets;
  private final RandomGenerator random;
  private final Duration warningWindow;
  private final BackendLocks locks;
  private final StepListener steps;

  public Rotator(
      Clock clock,
      TokenSecretStore secrets,
      RandomGenerator random,
      Duration warningWindow,
      BackendLocks locks,
      StepListener steps) {
    this.clock = clock;
    this.secrets = secrets;
    this.random = random;
    this.warningWindow = warningWindow;
    this.locks = locks;
    this.steps = steps;
  }

  /**
   * Finishes what an earlier rotation left: a staged token is promoted or revoked, a previous token
   * past its grace period is revoked.
   */
  public void recover(BackendTarget target, TokenMeta known, ReconcileReport report) {
    RotationSettings settings = settingsOf(target);
    withLock(
        target,
        () ->
            readSecret(target, report)
                .ifPresent(secret -> recover(target, settings, secret, known, report)));
  }

  /**
   * As {@link #recover(BackendTarget, TokenMeta, ReconcileReport)}, from the Secret the caller has
   * just read (one GET less; every write still carries the version read).
   *
   * @return the Secret as recovery left it, or empty when recovery did not finish (or another
   *     rotation of the backend was running)
   */
  public Optional<TokenSecret> recover(
      BackendTarget target, TokenSecret justRead, TokenMeta known, ReconcileReport report) {
    RotationSettings settings = settingsOf(target);
    return withLockFor(
        target,
        () -> {
          report.secretSeen(justRead);
          return recover(target, settings, justRead, known, report);
        });
  }

  /** Recovers, then rotates unless recovery already promoted a staged successor. */
  public void rotate(BackendTarget target, TokenMeta known, ReconcileReport report) {
    rotate(target, Optional.empty(), known, report);
  }

  /**
   * As {@link #rotate(BackendTarget, TokenMeta, ReconcileReport)}, from the Secret the caller has
   * just read: one GET less, and the mint follows the limiter's permit at once. A Secret changed in
   * between is still safe: the staging write is refused (409) and the successor revoked.
   */
  public void rotate(
      BackendTarget target, TokenSecret justRead, TokenMeta known, ReconcileReport report) {
    rotate(target, Optional.of(justRead), known, report);
  }

  private void rotate(
      BackendTarget target,
      Optional<TokenSecret> justRead,
      TokenMeta known,
      ReconcileReport report) {
    RotationSettings settings = settingsOf(target);
    withLock(
        target,
        () -> {
          justRead.ifPresent(report::secretSeen);
          Optional<TokenSecret> read = justRead.isPresent() ? justRead : readSecret(target, report);
          if (read.isEmpty()) {
            return;
          }
          Optional<TokenSecret> recovered = recover(target, settings, read.get(), known, report);
          if (recovered.isEmpty()
              && report.rotationFailure().isEmpty()
              && !report.revokeFailures().isEmpty()) {
            Failure blocking = report.revokeFailures().get(report.revokeFailures().size() - 1);
            report.rotationFailed(
                prefixed("The rotation waits until the previous token is revoked: ", blocking));
          }
          if (recovered.isPresent() && report.rotated().isEmpty()) {
            new Attempt(target, settings, recovered.get(), known, report).run();
          }
        });
  }

  /** Looks the current token up (the periodic health check); also used for static tokens. */
  public void check(BackendTarget target, TokenMeta known, ReconcileReport report) {
    readSecret(target, report).ifPresent(secret -> check(target, secret, known, report));
  }

  /**
   * As {@link #check(BackendTarget, TokenMeta, ReconcileReport)}, with the current token of the
   * Secret the caller has just read and checked ({@link TokenSecretCheck}).
   */
  public void check(
      BackendTarget target, TokenSecret justRead, TokenMeta known, ReconcileReport report) {
    report.secretSeen(justRead);
    VaultToken current = justRead.token(target.tokenSecretRef().getKey()).orElseThrow();
    checkToken(target, current, known, report)
        .filter(info -> target.rotation().isPresent())
        .ifPresent(info -> repairAccessor(justRead, info.accessor(), report));
  }

  /**
   * lookup-self and {@code sys/capabilities-self} with the current token, and a renewal when
   * rotations keep failing and it runs out.
   *
   * @return what OpenBao said about the token, or empty when it did not answer or refused it
   */
  private Optional<TokenInfo> checkToken(
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
      write(secret.withData(Map.of(TokenSecretKeys.ACCESSOR, actual)), report);
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

  /**
   * Revokes every live token the Secret holds (staged, previous, current) and deletes the Secret
   * when the operator owns it: the finalizer's work. A Secret not bound to the backend is left
   * alone entirely.
   *
   * @return empty when done; a failure of kind SECRET_NOT_BOUND when the Secret was left alone, of
   *     kind SECRET_MISSING when it was gone already; else why deletion must wait
   */
  public Optional<Failure> revokeAll(BackendTarget target) {
    Optional<TokenSecret> secret;
    try {
      secret = secrets.read(target.namespace(), target.tokenSecretRef().getName());
    } catch (RuntimeException unreadable) {
      return Optional.of(
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "The token Secret could not be read: " + unreadable.getMessage()));
    }
    if (secret.isEmpty()) {
      return Optional.of(
          Failure.of(
              FailureKind.SECRET_MISSING,
              "Secret "
                  + target.namespace()
                  + "/"
                  + target.tokenSecretRef().getName()
                  + " was deleted before the backend, so the tokens it held could not be revoked."));
    }
    Optional<String> unbound = TokenSecretCheck.notBound(target, secret.get());
    if (unbound.isPresent()) {
      // Not this backend's to revoke or delete: the tokens there were never given to it.
      return Optional.of(Failure.of(FailureKind.SECRET_NOT_BOUND, unbound.get()));
    }
    Map<VaultToken, String> distinct = new LinkedHashMap<>();
    for (String key :
        List.of(
            TokenSecretKeys.NEXT_TOKEN,
            TokenSecretKeys.PREVIOUS_TOKEN,
            target.tokenSecretRef().getKey())) {
      secret.get().token(key).ifPresent(token -> distinct.putIfAbsent(token, key));
    }
    for (Map.Entry<VaultToken, String> token : distinct.entrySet()) {
      Optional<Failure> failure =
          revoke(target, token.getKey(), "the " + token.getValue() + " token");
      if (failure.isPresent()) {
        return failure;
      }
    }
    if (secret.get().managedByOperator()) {
      try {
        secrets.delete(target.namespace(), target.tokenSecretRef().getName());
      } catch (SecretAccessException refused) {
        return Optional.of(
            Failure.of(
                FailureKind.ROTATION_ERROR,
                "The token Secret could not be deleted: " + refused.getMessage()));
      }
    }
    return Optional.empty();
  }

  // ---- recovery ----------------------------------------------------------------------------

  private Optional<TokenSecret> recover(
      BackendTarget target,
      RotationSettings settings,
      TokenSecret secret,
      TokenMeta known,
      ReconcileReport report) {
    Optional<TokenSecret> consistent = withoutContradictions(target, secret, report);
    if (consistent.isEmpty()) {
      return Optional.empty();
    }
    TokenSecret current = consistent.get();
    if (current.token(TokenSecretKeys.NEXT_TOKEN).isPresent()) {
      Optional<TokenSecret> resolved = resolveStaged(target, settings, current, report);
      if (resolved.isEmpty()) {
        return Optional.empty();
      }
      current = resolved.get();
    }
    Optional<VaultToken> previous = current.token(TokenSecretKeys.PREVIOUS_TOKEN);
    if (previous.isPresent()) {
      Instant revokeAfter =
          current
              .annotationTime(TokenSecretKeys.PREVIOUS_REVOKE_AFTER_ANNOTATION)
              .orElse(Instant.EPOCH);
      if (revokeAfter.isAfter(clock.instant())) {
        return Optional.of(current);
      }
      Optional<TokenSecret> cleared = revokePrevious(target, current, previous.get(), report);
      if (cleared.isEmpty()) {
        return Optional.empty();
      }
      current = cleared.get();
    }
    return Optional.of(current);
  }

  /**
   * A Secret whose slots contradict each other (a restored backup, a hand edit, tampering) is
   * repaired before anything acts on it: a slot that repeats another's token, or holds something
   * that is not a token, is removed and never revoked, so the token consumers use is never revoked
   * as a "previous" or "staged" one.
   */
  private Optional<TokenSecret> withoutContradictions(
      BackendTarget target, TokenSecret secret, ReconcileReport report) {
    Optional<SlotRepair> repair = SlotRepair.of(secret, target.tokenSecretRef().getKey());
    if (repair.isEmpty()) {
      return Optional.of(secret);
    }
    try {
      TokenSecret repaired =
          write(
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
      return Optional.of(repaired);
    } catch (SecretAccessException refused) {
      report.rotationFailed(
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "The token Secret contradicts itself ("
                  + repair.get().findings()
                  + ") and repairing it failed: "
                  + refused.getMessage()));
      return Optional.empty();
    }
  }

  /** A staged token that passes every check is promoted; any other is revoked and unstaged. */
  private Optional<TokenSecret> resolveStaged(
      BackendTarget target, RotationSettings settings, TokenSecret secret, ReconcileReport report) {
    VaultToken staged = secret.token(TokenSecretKeys.NEXT_TOKEN).orElseThrow();
    OpenBaoClient stagedClient = target.openbao().withToken(staged);
    Verdict verdict =
        SuccessorVerifier.staged(stagedClient, settings, target.kvMount(), target.kvFolder());
    if (verdict instanceof Dead) {
      return unstage(secret, report);
    }
    if (verdict instanceof Undecided undecided) {
      report.rotationFailed(
          FailureClassifier.classify(
              "verifying a staged token", undecided.failure(), false, target.openbao()));
      return Optional.empty();
    }
    if (verdict instanceof Unsafe unsafe) {
      Optional<Failure> revokeFailure = revoke(target, staged, "a staged token");
      if (revokeFailure.isPresent()) {
        report.revokeFailed(revokeFailure.get());
        return Optional.empty();
      }
      LOG.info("Revoked the token staged for {}: {}", target.key(), unsafe.reason());
      return unstage(secret, report);
    }
    Accepted accepted = (Accepted) verdict;
    VaultToken predecessor = secret.token(target.tokenSecretRef().getKey()).orElseThrow();
    Instant now = clock.instant();
    Instant next = RotationTimes.nextRotationAt(now, settings, random);
    // OpenBao's answer, not the Secret's next-accessor, which may have been edited.
    String accessor = accepted.accessor();
    Optional<TokenSecret> switched =
        switchTo(target, settings, secret, staged, accessor, predecessor, now, next, report);
    switched.ifPresent(
        done ->
            report.rotated(
                new ReconcileReport.Switch(now, next),
                facts(accepted, now),
                "Promoted the verified token an interrupted rotation had staged; the next"
                    + " rotation is at "
                    + Rfc3339.format(next)
                    + "."));
    return switched;
  }

  private Optional<TokenSecret> unstage(TokenSecret secret, ReconcileReport report) {
    Map<String, String> changes = new HashMap<>();
    changes.put(TokenSecretKeys.NEXT_TOKEN, null);
    changes.put(TokenSecretKeys.NEXT_ACCESSOR, null);
    try {
      return Optional.of(write(secret.withData(changes), report));
    } catch (SecretAccessException refused) {
      report.rotationFailed(
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "Removing a revoked staged token from the Secret failed: " + refused.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * Revokes the previous token once OpenBao confirms it is not the current one: both are looked up
   * and their accessors compared, so a Secret whose {@code previous-token} was set to the current
   * token (a restored backup, an edit) never makes the operator revoke what consumers use. While
   * the current token itself fails, the previous one is kept.
   */
  private Optional<TokenSecret> revokePrevious(
      BackendTarget target, TokenSecret secret, VaultToken previous, ReconcileReport report) {
    VaultToken currentToken = secret.token(target.tokenSecretRef().getKey()).orElseThrow();
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
      report.revokeFailed(prefixed("The previous token is kept: ", classified));
      if (classified.kind() == FailureKind.TOKEN_REJECTED) {
        report.tokenProblem(classified);
      }
      return Optional.empty();
    }
    Optional<String> previousAccessor;
    try {
      previousAccessor = Optional.of(target.openbao().withToken(previous).lookupSelf().accessor());
    } catch (TokenRejectedException alreadyGone) {
      previousAccessor = Optional.empty();
    } catch (OpenBaoException failure) {
      report.revokeFailed(
          FailureClassifier.classify(
              "looking up the previous token", failure, false, target.openbao()));
      return Optional.empty();
    }
    if (previousAccessor.filter(current.accessor()::equals).isPresent()) {
      report.event(
          "Warning",
          "SecretRepaired",
          "The token Secret's previous-token is the current token (same accessor); it was removed"
              + " from the Secret and not revoked. If the real previous token is still alive,"
              + " find it with "
              + CommandHints.findOrphans(target.namespace(), target.name())
              + ".");
    } else if (previousAccessor.isPresent()) {
      Optional<Failure> failure = revoke(target, previous, "the previous token");
      if (failure.isPresent()) {
        report.revokeFailed(failure.get());
        return Optional.empty();
      }
      steps.completed(RotationStep.PREDECESSOR_REVOKED);
    }
    Map<String, String> data = new HashMap<>();
    data.put(TokenSecretKeys.PREVIOUS_TOKEN, null);
    data.put(TokenSecretKeys.PREVIOUS_ACCESSOR, null);
    if (secret.value(TokenSecretKeys.ACCESSOR).filter(current.accessor()::equals).isEmpty()) {
      data.put(TokenSecretKeys.ACCESSOR, current.accessor());
    }
    Map<String, String> annotations = new HashMap<>();
    annotations.put(TokenSecretKeys.PREVIOUS_REVOKE_AFTER_ANNOTATION, null);
    try {
      TokenSecret cleared = write(secret.withData(data).withAnnotations(annotations), report);
      steps.completed(RotationStep.PREDECESSOR_CLEARED);
      return Optional.of(cleared);
    } catch (SecretAccessException refused) {
      // Revoked already; the next try finds it gone ("already revoked" is done) and removes it.
      report.revokeFailed(
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "The previous token is revoked but removing it from the Secret failed: "
                  + refused.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * revoke-self with {@code token}. A token OpenBao no longer accepts counts as revoked, but only
   * once lookup-self confirms it: a rejection from something in front of OpenBao must not make the
   * operator forget a live token.
   */
  private Optional<Failure> revoke(BackendTarget target, VaultToken token, String what) {
    OpenBaoClient client = target.openbao().withToken(token);
    try {
      client.revokeSelf();
      return Optional.empty();
    } catch (TokenRejectedException rejected) {
      return confirmGone(target, client, what);
    } catch (OpenBaoException failure) {
      return Optional.of(
          FailureClassifier.classify("revoking " + what, failure, false, target.openbao()));
    }
  }

  private Optional<Failure> confirmGone(BackendTarget target, OpenBaoClient client, String what) {
    try {
      client.lookupSelf();
      return Optional.of(
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "OpenBao refused to revoke "
                  + what
                  + " although the token still works; revoking it is retried."));
    } catch (TokenRejectedException gone) {
      return Optional.empty();
    } catch (OpenBaoException failure) {
      return Optional.of(
          FailureClassifier.classify(
              "confirming the revocation of " + what, failure, false, target.openbao()));
    }
  }

  // ---- the rotation ------------------------------------------------------------------------

  /** One rotation after recovery, from mint to record. */
  private final class Attempt {
    private final BackendTarget target;
    private final RotationSettings settings;
    private final TokenSecret secret;
    private final TokenMeta known;
    private final ReconcileReport report;
    private final VaultToken current;

    Attempt(
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
      this.current = secret.token(target.tokenSecretRef().getKey()).orElseThrow();
    }

    void run() {
      if (secret.token(TokenSecretKeys.PREVIOUS_TOKEN).isPresent()) {
        fail(
            Failure.of(
                FailureKind.ROTATION_ERROR,
                "The previous token's grace period has not ended; the rotation waits for it."));
        return;
      }
      Optional<TokenSecret> recorded = recordMint();
      if (recorded.isEmpty()) {
        return;
      }
      TokenSecret marked = recorded.get();
      steps.completed(RotationStep.MINT_RECORDED);
      IssuedToken successor;
      try {
        successor = target.openbao().withToken(current).createToken(settings.tokenRole());
      } catch (OpenBaoException failure) {
        if (MintFate.unknown(failure)) {
          report.possibleOrphan(orphanMessage(clock.instant(), "got no answer"));
        }
        clearMintRecord(marked);
        fail(
            FailureClassifier.classify(
                "minting the successor with role " + settings.tokenRole(),
                failure,
                true,
                target.openbao()));
        return;
      }
      steps.completed(RotationStep.MINTED);
      Optional<String> unsafe = SuccessorVerifier.unsafeFlags(successor, settings);
      if (unsafe.isPresent()) {
        abandon(marked, successor, Failure.of(FailureKind.ROTATION_ERROR, unsafe.get()));
        return;
      }
      // Staged before any further call, so that from here on a crash leaves the successor where
      // the next recovery finds it.
      TokenSecret staged;
      try {
        staged = write(withStaged(marked, successor), report);
      } catch (SecretAccessException refused) {
        // The current token is untouched, so revoking the successor is always safe here.
        abandon(
            marked,
            successor,
            Failure.of(
                FailureKind.ROTATION_ERROR,
                "Staging the successor in the Secret failed: " + refused.getMessage()));
        return;
      }
      steps.completed(RotationStep.STAGED);
      OpenBaoClient successorClient = target.openbao().withToken(successor.clientToken());
      Verdict verified =
          SuccessorVerifier.afterStaging(
              successorClient, successor.policies(), settings, target.kvMount(), target.kvFolder());
      if (!(verified instanceof Accepted accepted)) {
        abandonStaged(successor, staged, failureOf(verified, "verifying the successor"));
        return;
      }
      steps.completed(RotationStep.VERIFIED);
      Instant now = clock.instant();
      Instant next = RotationTimes.nextRotationAt(now, settings, random);
      Optional<TokenSecret> switched =
          switchTo(
              target,
              settings,
              staged,
              successor.clientToken(),
              successor.accessor(),
              current,
              now,
              next,
              report);
      if (switched.isEmpty()) {
        return;
      }
      report.rotated(
          new ReconcileReport.Switch(now, next),
          facts(accepted, now),
          "Rotated the token; the previous one is revoked after "
              + GoDuration.format(settings.revokeGracePeriod())
              + " and the next rotation is at "
              + Rfc3339.format(next)
              + ".");
      if (settings.revokeGracePeriod().isZero()) {
        revokePrevious(target, switched.get(), current, report);
      }
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
    private void abandon(TokenSecret marked, IssuedToken successor, Failure failure) {
      Optional<Failure> revokeFailure =
          revoke(target, successor.clientToken(), "the refused successor");
      if (revokeFailure.isPresent()) {
        report.revokeFailed(
            prefixed(
                "The successor is kept staged until it can be revoked: ", revokeFailure.get()));
        try {
          write(withStaged(marked, successor), report);
        } catch (SecretAccessException refused) {
          LOG.error(
              "A successor of {} could be neither revoked nor staged; it expires after its period"
                  + " unless renewed, and nobody holds it: {}",
              target.key(),
              refused.getMessage());
          report.possibleOrphan(
              orphanMessage(clock.instant(), "could be neither revoked nor kept"));
        }
      } else {
        clearMintRecord(marked);
      }
      fail(failure);
    }

    /**
     * Records in the Secret that a mint starts now, so that a restarted operator or a new leader
     * never mints again while this mint may still be answered. A record left by a mint that can no
     * longer be answered means that mint's token may be alive and held by nobody: reported.
     *
     * @return the Secret with the record, or empty when the rotation must wait (reported)
     */
    private Optional<TokenSecret> recordMint() {
      Instant now = clock.instant();
      Optional<Instant> earlier = secret.annotationTime(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION);
      if (earlier
          .filter(startedAt -> startedAt.isAfter(now.plus(MINT_RECORD_MARGIN)))
          .isPresent()) {
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
            earlier
                .get()
                .plus(target.openbao().connection().mintTimeout())
                .plus(MINT_RECORD_MARGIN);
        if (answeredBy.isAfter(now)) {
          report.rotationDeferred(
              answeredBy,
              "A mint started at "
                  + Rfc3339.format(earlier.get())
                  + " by an operator that stopped may still be answered; the rotation waits"
                  + " until "
                  + Rfc3339.format(answeredBy)
                  + " so that it never mints twice for one rotation.");
          return Optional.empty();
        }
        report.possibleOrphan(orphanMessage(earlier.get(), "never reached the Secret"));
      }
      Map<String, String> record = new HashMap<>();
      record.put(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION, Rfc3339.format(now));
      try {
        return Optional.of(write(secret.withAnnotations(record), report));
      } catch (SecretAccessException refused) {
        fail(
            Failure.of(
                FailureKind.ROTATION_ERROR,
                "Recording the mint in the Secret failed, so nothing was minted: "
                    + refused.getMessage()));
        return Optional.empty();
      }
    }

    /** Removes the record of a mint that certainly left no token behind. */
    private void clearMintRecord(TokenSecret marked) {
      try {
        write(withoutMintRecord(marked), report);
      } catch (SecretAccessException refused) {
        LOG.info(
            "The record of a finished mint of {} stays in its Secret until the next rotation: {}",
            target.key(),
            refused.getMessage());
      }
    }

    private String orphanMessage(Instant startedAt, String what) {
      return "A mint with role "
          + settings.tokenRole()
          + " started at "
          + Rfc3339.format(startedAt)
          + " "
          + what
          + "; if OpenBao completed it, a token is alive that no Secret holds. Find it with "
          + CommandHints.findOrphans(target.namespace(), target.name())
          + " and revoke it.";
    }

    /** Revokes a staged successor and unstages it; one that cannot be revoked stays staged. */
    private void abandonStaged(IssuedToken successor, TokenSecret staged, Failure failure) {
      Optional<Failure> revokeFailure =
          revoke(target, successor.clientToken(), "the unverified successor");
      if (revokeFailure.isPresent()) {
        report.revokeFailed(
            prefixed(
                "The unverified successor stays staged until it can be revoked: ",
                revokeFailure.get()));
      } else {
        Map<String, String> changes = new HashMap<>();
        changes.put(TokenSecretKeys.NEXT_TOKEN, null);
        changes.put(TokenSecretKeys.NEXT_ACCESSOR, null);
        try {
          write(staged.withData(changes), report);
        } catch (SecretAccessException refused) {
          LOG.info(
              "The revoked successor of {} stays staged until the next recovery removes it: {}",
              target.key(),
              refused.getMessage());
        }
      }
      fail(failure);
    }

    /**
     * Records the failure. When OpenBao answered but refused, the current token is checked too, so
     * that the status never says it still works after OpenBao rejected it.
     */
    private void fail(Failure failure) {
      report.rotationFailed(failure);
      if (failure.kind() == FailureKind.ROTATION_ERROR) {
        checkToken(target, current, known, report);
      } else {
        renewIfRunningOut(
            target, target.openbao().withToken(current), knownFacts(known), known, report);
      }
    }
  }

  /** The successor staged, and the mint's record removed: the mint is answered. */
  private static TokenSecret withStaged(TokenSecret secret, IssuedToken successor) {
    return withoutMintRecord(
        secret.withData(
            Map.of(
                TokenSecretKeys.NEXT_TOKEN, successor.clientToken().reveal(),
                TokenSecretKeys.NEXT_ACCESSOR, successor.accessor())));
  }

  private static TokenSecret withoutMintRecord(TokenSecret secret) {
    Map<String, String> removed = new HashMap<>();
    removed.put(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION, null);
    return secret.withAnnotations(removed);
  }

  /**
   * Writes the switch: successor current, predecessor previous until the grace period ends. A
   * failed write is read back, because a write that timed out may have happened anyway; the
   * successor is revoked only when the Secret certainly holds it nowhere.
   */
  private Optional<TokenSecret> switchTo(
      BackendTarget target,
      RotationSettings settings,
      TokenSecret staged,
      VaultToken successor,
      String successorAccessor,
      VaultToken predecessor,
      Instant now,
      Instant next,
      ReconcileReport report) {
    String tokenKey = target.tokenSecretRef().getKey();
    Map<String, String> data = new HashMap<>();
    data.put(tokenKey, successor.reveal());
    data.put(TokenSecretKeys.ACCESSOR, successorAccessor);
    data.put(TokenSecretKeys.PREVIOUS_TOKEN, predecessor.reveal());
    data.put(
        TokenSecretKeys.PREVIOUS_ACCESSOR, staged.value(TokenSecretKeys.ACCESSOR).orElse(null));
    data.put(TokenSecretKeys.NEXT_TOKEN, null);
    data.put(TokenSecretKeys.NEXT_ACCESSOR, null);
    Map<String, String> annotations = new HashMap<>();
    annotations.put(
        TokenSecretKeys.PREVIOUS_REVOKE_AFTER_ANNOTATION,
        Rfc3339.format(now.plus(settings.revokeGracePeriod())));
    annotations.put(TokenSecretKeys.ROTATED_AT_ANNOTATION, Rfc3339.format(now));
    annotations.put(TokenSecretKeys.NEXT_ROTATION_AT_ANNOTATION, Rfc3339.format(next));
    try {
      TokenSecret switched = write(staged.withData(data).withAnnotations(annotations), report);
      steps.completed(RotationStep.SWITCHED);
      return Optional.of(switched);
    } catch (SecretAccessException refused) {
      return afterFailedSwitch(target, successor, refused, report);
    }
  }

  private Optional<TokenSecret> afterFailedSwitch(
      BackendTarget target,
      VaultToken successor,
      SecretAccessException refused,
      ReconcileReport report) {
    String tokenKey = target.tokenSecretRef().getKey();
    Optional<TokenSecret> reread;
    try {
      reread = secrets.read(target.namespace(), target.tokenSecretRef().getName());
      reread.ifPresent(report::secretSeen);
    } catch (RuntimeException unreadable) {
      report.rotationFailed(
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "Switching to the successor failed and the Secret could not be read back; the"
                  + " staged token is resolved at the next reconcile: "
                  + refused.getMessage()));
      return Optional.empty();
    }
    if (reread.flatMap(secret -> secret.token(tokenKey)).filter(successor::equals).isPresent()) {
      steps.completed(RotationStep.SWITCHED);
      return reread;
    }
    boolean stillStaged =
        reread
            .flatMap(secret -> secret.token(TokenSecretKeys.NEXT_TOKEN))
            .filter(successor::equals)
            .isPresent();
    if (!stillStaged) {
      revoke(target, successor, "the successor that was not switched in")
          .ifPresent(
              failure ->
                  report.revokeFailed(
                      prefixed(
                          "The successor could not be revoked after a failed switch: ", failure)));
    }
    report.rotationFailed(
        Failure.of(
            FailureKind.ROTATION_ERROR,
            "Switching to the successor failed"
                + (stillStaged ? "; it stays staged and is resolved at the next reconcile: " : ": ")
                + refused.getMessage()));
    return Optional.empty();
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

  private Optional<TokenSecret> readSecret(BackendTarget target, ReconcileReport report) {
    Optional<TokenSecret> secret =
        secrets.read(target.namespace(), target.tokenSecretRef().getName());
    Optional<Failure> unusable = TokenSecretCheck.unusable(target, secret);
    if (unusable.isPresent()) {
      report.tokenProblem(unusable.get());
      return Optional.empty();
    }
    secret.ifPresent(report::secretSeen);
    return secret;
  }

  /**
   * An optimistic update that keeps the report's view of the Secret current: a failed write may
   * have happened anyway, so the view is then dropped and the reconciler reads the Secret again.
   */
  private TokenSecret write(TokenSecret desired, ReconcileReport report) {
    try {
      TokenSecret written = secrets.update(desired);
      report.secretSeen(written);
      return written;
    } catch (RuntimeException refused) {
      report.secretUnknown();
      throw refused;
    }
  }

  private void withLock(BackendTarget target, Runnable work) {
    withLockFor(
        target,
        () -> {
          work.run();
          return Optional.empty();
        });
  }

  private <T> Optional<T> withLockFor(BackendTarget target, Supplier<Optional<T>> work) {
    Optional<AutoCloseable> lock = locks.tryLock(target.key());
    if (lock.isEmpty()) {
      LOG.info("A rotation of {} is already running; this one is skipped.", target.key());
      return Optional.empty();
    }
    try (AutoCloseable held = lock.get()) {
      return work.get();
    } catch (RuntimeException failure) {
      throw failure;
    } catch (Exception unlockNeverThrows) {
      throw new IllegalStateException(unlockNeverThrows);
    }
  }

  private static TokenFacts facts(Accepted accepted, Instant mintedAt) {
    return new TokenFacts(
        Optional.of(mintedAt),
        Optional.of(mintedAt.plus(accepted.ttl())),
        accepted.renewable(),
        Optional.of(accepted.period()),
        accepted.policies());
  }

  private static TokenFacts knownFacts(TokenMeta known) {
    return new TokenFacts(
        Rfc3339.parse(known.getGeneratedAt()),
        Rfc3339.parse(known.getExpiresAt()),
        Boolean.TRUE.equals(known.getRenewable()),
        knownPeriod(known),
        known.getPolicies() == null ? List.of() : known.getPolicies());
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

  private static Failure prefixed(String prefix, Failure failure) {
    return new Failure(failure.kind(), prefix + failure.message(), failure.retryAfter());
  }
}
