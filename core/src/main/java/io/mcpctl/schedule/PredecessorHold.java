package io.mcpctl.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What keeps the previous token from its revocation beyond its grace period: pods that read the
 * token only at start and still hold it, until they have moved or the deadline passes; or nothing
 * at all when the user asked to revoke it at once.
 *
 * @param deadline when the previous token is revoked anyway ({@code maxRevokeDelay} after the
 *     switch)
 * @param lookAgainAt when to count the pods again while they hold it
 * @param revokeAtOnce the user asked to rotate and revoke every previous token now ({@code rotate
 *     --revoke-previous}): neither the grace period nor the pods keep it, and the requested
 *     rotation does not wait for them
 */
public record PredecessorHold(
    boolean held, Instant deadline, Instant lookAgainAt, boolean revokeAtOnce) {

  public PredecessorHold {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(lookAgainAt, "lookAgainAt");
  }

  public PredecessorHold(boolean held, Instant deadline, Instant lookAgainAt) {
    this(held, deadline, lookAgainAt, false);
  }

  /** Nothing holds the previous token: it goes when its grace period ends. */
  public static PredecessorHold none() {
    return new PredecessorHold(false, Instant.EPOCH, Instant.EPOCH);
  }

  /** The previous token goes now, as the user asked, whatever holds it. */
  public static PredecessorHold revokeNow() {
    return new PredecessorHold(false, Instant.EPOCH, Instant.EPOCH, true);
  }

  /** When the previous token, whose grace period ends at {@code graceEnd}, is to be revoked. */
  Instant revokeAt(Instant graceEnd) {
    if (revokeAtOnce) {
      return Instant.EPOCH;
    }
    return held && deadline.isAfter(graceEnd) ? deadline : graceEnd;
  }

  /** The next look at the pods, while they hold the token and the deadline is still to come. */
  Optional<Instant> nextLook(Instant now) {
    return held && deadline.isAfter(now) ? Optional.of(lookAgainAt) : Optional.empty();
  }
}
