package io.mcpctl.operator.reconcile;

import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a health check that found nothing new from writing status. A check renews the token and
 * moves {@code lastCheckedAt} and {@code expiresAt}; writing that every hour would be a PATCH (and
 * a watch event for every watcher) per backend per check for nothing users act on, the heartbeat
 * Kubernetes' API conventions steer away from. So those two fields are written only along with
 * something that did change, or once {@link #RECORD_EVERY} has passed since the recorded check.
 *
 * <p>Why a day: a rotated backend's daily rotation writes status anyway and takes fresh values
 * along, so it pays no extra write; a static token pays one a day. The recorded expiry only ever
 * lags behind the true one (a renewal moves it later), so the runway shown errs on the short side
 * by at most a day of a 720h period; an expiry that moves earlier is written at once, and so is a
 * later one that takes the token out of the warning window, since the EXPIRES column, the expiry
 * metric and its alert go by the recorded one (a static token renewed by hand); a token whose whole
 * period fits in the window (capped by OpenBao) stays in it, so its renewals are no news. Each
 * check is still visible as it happens: the operator remembers it (for scheduling) and exports it
 * as {@code mcpctl_secretbackend_last_check_timestamp_seconds}.
 */
final class QuietStatus {

  /**
   * How long a recorded check may go without a refresh when nothing else is written: longer than
   * the default rotation interval plus its jitter (24h ± 10m), so that a rotated backend's rotation
   * always refreshes the record first and no day of it pays a write of its own.
   */
  static final Duration RECORD_EVERY = Duration.ofHours(26);

  /** An expiry earlier than the recorded one by more than this is news. */
  private static final Duration EXPIRY_TOLERANCE = Duration.ofMinutes(1);

  /**
   * How far apart two records of one mint may be. A rotation records the token as minted when it
   * switches to it, after staging and verifying it, while a lookup reports OpenBao's creation time,
   * seconds earlier when OpenBao or the API server is slow; in whole seconds the two differ
   * whenever those steps cross a second's boundary (8 of 300 rotations at 10,000 backends, each a
   * status write at the next check).
   */
  private static final Duration MINT_TOLERANCE = Duration.ofMinutes(1);

  private QuietStatus() {}

  /**
   * The status to write: {@code previous} itself when {@code fresh} differs from it only by a
   * check's time, a later expiry that leaves the token where it was as to the warning window, and
   * the same mint seen by two clocks, and the recorded check is recent enough, else {@code fresh}.
   *
   * @param warningWindow how long before its expiry a token counts as expiring soon
   */
  static SecretBackendStatus settle(
      SecretBackendStatus previous,
      SecretBackendStatus fresh,
      Instant now,
      Duration warningWindow) {
    if (previous == null
        || fresh == null
        || previous.getTokenMeta() == null
        || fresh.getTokenMeta() == null) {
      return fresh;
    }
    TokenMeta recorded = previous.getTokenMeta();
    Optional<Instant> recordedCheck = Rfc3339.parse(recorded.getLastCheckedAt());
    if (recordedCheck.isEmpty() || !recordedCheck.get().plus(RECORD_EVERY).isAfter(now)) {
      return fresh;
    }
    if (!expiryIsNoNews(
        recorded.getExpiresAt(), fresh.getTokenMeta().getExpiresAt(), now.plus(warningWindow))) {
      return fresh;
    }
    TokenMeta quiet = TokenMeta.copyOf(fresh.getTokenMeta());
    quiet.setLastCheckedAt(recorded.getLastCheckedAt());
    quiet.setExpiresAt(recorded.getExpiresAt());
    if (withinTolerance(recorded.getGeneratedAt(), quiet.getGeneratedAt(), MINT_TOLERANCE)) {
      quiet.setGeneratedAt(recorded.getGeneratedAt());
    }
    SecretBackendStatus candidate = new SecretBackendStatus();
    candidate.setObservedGeneration(fresh.getObservedGeneration());
    candidate.setConditions(fresh.getConditions());
    candidate.setTokenMeta(quiet);
    return candidate.equals(previous) ? previous : fresh;
  }

  private static boolean withinTolerance(String recorded, String fresh, Duration tolerance) {
    Optional<Instant> was = Rfc3339.parse(recorded);
    Optional<Instant> is = Rfc3339.parse(fresh);
    return was.isPresent()
        && is.isPresent()
        && Duration.between(was.get(), is.get()).abs().compareTo(tolerance) <= 0;
  }

  /**
   * The same expiry, or one a renewal moved later without taking the token out of the warning
   * window; an earlier one means less runway.
   *
   * @param soon the end of the warning window
   */
  private static boolean expiryIsNoNews(String recorded, String fresh, Instant soon) {
    if (Objects.equals(recorded, fresh)) {
      return true;
    }
    Optional<Instant> was = Rfc3339.parse(recorded);
    Optional<Instant> is = Rfc3339.parse(fresh);
    boolean leavesTheWindow =
        was.isPresent() && is.isPresent() && !was.get().isAfter(soon) && is.get().isAfter(soon);
    return was.isPresent()
        && is.isPresent()
        && !leavesTheWindow
        && !is.get().isBefore(was.get().minus(EXPIRY_TOLERANCE));
  }
}
