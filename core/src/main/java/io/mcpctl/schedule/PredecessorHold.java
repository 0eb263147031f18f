package io.mcpctl.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether pods that read the token only at start still hold the previous one, which keeps it from
 * being revoked after its grace period until they have moved or the deadline passes.
 *
 * @param deadline when the previous token is revoked anyway ({@code maxRevokeDelay} after the
 *     switch)
 * @param lookAgainAt when to count the pods again while they hold it
 */
public record PredecessorHold(boolean held, Instant deadline, Instant lookAgainAt) {

  public PredecessorHold {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(lookAgainAt, "lookAgainAt");
  }

  /** Nothing holds the previous token: it goes when its grace period ends. */
  public static PredecessorHold none() {
    return new PredecessorHold(false, Instant.EPOCH, Instant.EPOCH);
  }

  /** When the previous token, whose grace period ends at {@code graceEnd}, is to be revoked. */
  Instant revokeAt(Instant graceEnd) {
    return held && deadline.isAfter(graceEnd) ? deadline : graceEnd;
  }

  /** The next look at the pods, while they hold the token and the deadline is still to come. */
  Optional<Instant> nextLook(Instant now) {
    return held && deadline.isAfter(now) ? Optional.of(lookAgainAt) : Optional.empty();
  }
}
