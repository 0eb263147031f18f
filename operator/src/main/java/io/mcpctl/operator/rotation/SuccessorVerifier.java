package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.BadRequestException;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.RateLimitedException;
import io.mcpctl.openbao.SealedException;
import io.mcpctl.openbao.ServerErrorException;
import io.mcpctl.openbao.TlsFailureException;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.UnreachableException;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a successor may replace the current token: renewable, orphan (else revoking the
 * predecessor kills it), periodic with a period longer than the interval, carrying its policies,
 * and able to write and read the health-check key.
 */
final class SuccessorVerifier {

  /** The renew-self increment that tells a periodic token (TTL reset to its period) apart. */
  static final Duration PERIOD_PROBE_INCREMENT = Duration.ofSeconds(1);

  /** The verdict on one successor. */
  sealed interface Verdict {}

  /**
   * Safe and working.
   *
   * @param ttl the time to live it has now (its period, after the probe's renewal)
   * @param accessor its accessor as OpenBao reported it (not as the Secret says)
   */
  record Accepted(
      List<String> policies, boolean renewable, Duration ttl, Duration period, String accessor)
      implements Verdict {}

  /** It works but must not be used: revoke it. */
  record Unsafe(String reason) implements Verdict {}

  /** OpenBao no longer accepts it: already revoked or expired. */
  record Dead() implements Verdict {}

  /** OpenBao could not answer: keep it where it is and try again later. */
  record Undecided(OpenBaoException failure) implements Verdict {}

  private SuccessorVerifier() {}

  /**
   * The checks that need no call, made before staging: renewable, and an orphan (else revoking the
   * predecessor would revoke it too).
   */
  static Optional<String> unsafeFlags(IssuedToken successor, RotationSettings settings) {
    return flags(successor.renewable(), successor.orphan(), settings);
  }

  /**
   * The checks after staging: periodic with a long enough period and carrying the policies it was
   * minted with (one renew-self, whose answer describes the token as OpenBao holds it, so no
   * lookup-self is needed), and the KV round trip works.
   */
  static Verdict afterStaging(
      OpenBaoClient successorClient,
      List<String> mintedPolicies,
      RotationSettings settings,
      String mount,
      String folder) {
    Verdict renewal = probePeriod(successorClient, settings);
    if (!(renewal instanceof Accepted accepted)) {
      return renewal;
    }
    Optional<String> wrongPolicies = policies(accepted.policies(), Optional.of(mintedPolicies));
    if (wrongPolicies.isPresent()) {
      return new Unsafe(wrongPolicies.get());
    }
    try {
      successorClient.kv(mount).healthCheckRoundTrip(folder);
      return accepted;
    } catch (OpenBaoException failure) {
      return classify(failure);
    }
  }

  /** Every check, for a token an interrupted rotation left staged. */
  static Verdict staged(
      OpenBaoClient stagedClient, RotationSettings settings, String mount, String folder) {
    TokenInfo info;
    try {
      info = stagedClient.lookupSelf();
    } catch (OpenBaoException failure) {
      return classify(failure);
    }
    Optional<String> unsafe =
        flags(info.renewable(), info.orphan(), settings)
            .or(() -> policies(info.policies(), Optional.empty()));
    if (unsafe.isPresent()) {
      return new Unsafe(unsafe.get());
    }
    Verdict renewal = probePeriod(stagedClient, settings);
    if (!(renewal instanceof Accepted accepted)) {
      return renewal;
    }
    try {
      stagedClient.kv(mount).healthCheckRoundTrip(folder);
    } catch (OpenBaoException failure) {
      return classify(failure);
    }
    return accepted;
  }

  private static Optional<String> flags(
      boolean renewable, boolean orphan, RotationSettings settings) {
    String role = "Token role '" + settings.tokenRole() + "'";
    if (!renewable) {
      return Optional.of(
          role + " minted a token that is not renewable; set renewable=true on the role.");
    }
    if (!orphan) {
      return Optional.of(
          role
              + " minted a token that is not an orphan, so revoking the old token would revoke it"
              + " too; set orphan=true on the role.");
    }
    return Optional.empty();
  }

  private static Optional<String> policies(List<String> actual, Optional<List<String>> expected) {
    if (actual.stream().allMatch("default"::equals)) {
      return Optional.of(
          "The successor carries no policy besides default; check the role's allowed_policies.");
    }
    if (expected.isPresent() && !new HashSet<>(actual).equals(new HashSet<>(expected.get()))) {
      return Optional.of(
          "The successor's policies "
              + actual
              + " are not the ones it was minted with "
              + expected.get()
              + "; check the role's allowed_policies.");
    }
    return Optional.empty();
  }

  /**
   * A periodic token's renewal resets its TTL to the period and ignores the increment; any other
   * token's TTL drops to the increment (and is revoked right after anyway).
   */
  private static Verdict probePeriod(OpenBaoClient client, RotationSettings settings) {
    String role = "Token role '" + settings.tokenRole() + "'";
    IssuedToken renewed;
    try {
      renewed = client.renewSelf(PERIOD_PROBE_INCREMENT);
    } catch (BadRequestException notRenewable) {
      return new Unsafe(
          role
              + " minted a token that cannot be renewed ("
              + notRenewable.getMessage()
              + "); set renewable=true on the role.");
    } catch (OpenBaoException failure) {
      return classify(failure);
    }
    Duration period = renewed.leaseDuration();
    if (period.compareTo(PERIOD_PROBE_INCREMENT.multipliedBy(10)) <= 0) {
      return new Unsafe(
          role + " minted a token that is not periodic; set token_period=720h on the role.");
    }
    if (period.compareTo(settings.interval()) <= 0) {
      return new Unsafe(
          role
              + " gives tokens a period of "
              + GoDuration.format(period)
              + ", not longer than the rotation interval "
              + GoDuration.format(settings.interval())
              + "; set token_period=720h on the role.");
    }
    return new Accepted(
        renewed.policies(), renewed.renewable(), period, period, renewed.accessor());
  }

  private static Verdict classify(OpenBaoException failure) {
    if (failure instanceof TokenRejectedException) {
      return new Dead();
    }
    boolean transientFailure =
        failure instanceof SealedException
            || failure instanceof UnreachableException
            || failure instanceof TlsFailureException
            || failure instanceof ServerErrorException
            || failure instanceof RateLimitedException;
    return transientFailure
        ? new Undecided(failure)
        : new Unsafe("The successor failed verification: " + failure.getMessage());
  }
}
