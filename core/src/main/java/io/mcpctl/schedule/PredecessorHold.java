package io.mcpctl.schedule;

import io.mcpctl.tokensecret.PreviousSlot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What keeps replaced tokens from their revocation beyond their grace periods: pods that read the
 * token only at start and still hold one, until they have moved or that token's deadline passes; or
 * nothing at all when the user asked to revoke them at once.
 *
 * @param deadlines the held slots, each with the time its token is revoked anyway ({@code
 *     maxRevokeDelay} after it was replaced)
 * @param lookAgainAt when to count the pods again while they hold one
 * @param revokeAtOnce the user asked to rotate and revoke every previous token now ({@code rotate
 *     --revoke-previous}): neither the grace periods nor the pods keep them, and the requested
 *     rotation does not wait for them
 */
public record PredecessorHold(
    Map<PreviousSlot, Instant> deadlines, Instant lookAgainAt, boolean revokeAtOnce) {

  public PredecessorHold {
    deadlines = Map.copyOf(deadlines);
    Objects.requireNonNull(lookAgainAt, "lookAgainAt");
  }

  /** Pods hold the tokens of {@code deadlines}' slots; they are looked at again at a time. */
  public static PredecessorHold held(Map<PreviousSlot, Instant> deadlines, Instant lookAgainAt) {
    return new PredecessorHold(deadlines, lookAgainAt, false);
  }

  /** Nothing holds a previous token: each goes when its grace period ends. */
  public static PredecessorHold none() {
    return new PredecessorHold(Map.of(), Instant.EPOCH, false);
  }

  /** Every previous token goes now, as the user asked, whatever holds it. */
  public static PredecessorHold revokeNow() {
    return new PredecessorHold(Map.of(), Instant.EPOCH, true);
  }

  /** Whether pods hold any previous token. */
  public boolean held() {
    return !deadlines.isEmpty();
  }

  /** Whether pods hold the token of {@code slot}. */
  public boolean holds(PreviousSlot slot) {
    return deadlines.containsKey(slot);
  }

  /** When the token of {@code slot}, whose grace period ends at {@code graceEnd}, is revoked. */
  public Instant revokeAt(PreviousSlot slot, Instant graceEnd) {
    if (revokeAtOnce) {
      return Instant.EPOCH;
    }
    Instant deadline = deadlines.get(slot);
    return deadline != null && deadline.isAfter(graceEnd) ? deadline : graceEnd;
  }

  /** The next look at the pods, while they hold a token whose deadline is still to come. */
  Optional<Instant> nextLook(Instant now) {
    return deadlines.values().stream().anyMatch(deadline -> deadline.isAfter(now))
        ? Optional.of(lookAgainAt)
        : Optional.empty();
  }
}
