package io.mcpctl.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * What the token Secret holds, without any token value: enough to decide what to do next.
 *
 * @param staged a {@code next-token} left by an interrupted rotation
 * @param previous a {@code previous-token} waiting for its grace period to end
 * @param previousRevokeAfter when that grace period ends
 * @param rotatedAt when the current token was switched in, as the Secret records it
 * @param nextRotationAt the next rotation rolled at that switch
 */
public record TokenSecretState(
    boolean staged,
    boolean previous,
    Optional<Instant> previousRevokeAfter,
    Optional<Instant> rotatedAt,
    Optional<Instant> nextRotationAt) {

  /** A Secret that holds only the current token, as the wizard or a human leaves it. */
  public static TokenSecretState currentOnly() {
    return new TokenSecretState(false, false, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
