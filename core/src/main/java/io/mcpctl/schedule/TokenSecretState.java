package io.mcpctl.schedule;

import io.mcpctl.tokensecret.PreviousSlot;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the token Secret holds, without any token value: enough to decide what to do next.
 *
 * @param staged a {@code next-token} left by an interrupted rotation
 * @param predecessors the replaced tokens waiting for their revocation, newest first
 * @param rotatedAt when the current token was switched in, as the Secret records it
 * @param nextRotationAt the next rotation rolled at that switch
 */
public record TokenSecretState(
    boolean staged,
    List<Predecessor> predecessors,
    Optional<Instant> rotatedAt,
    Optional<Instant> nextRotationAt) {

  /**
   * One replaced token.
   *
   * @param revokeAfter when its grace period ends; a slot without one is revoked at once (left by
   *     hand or by a damaged write, while the current token is the one consumers must use)
   * @param retiredAt when it stopped being the current token, if recorded
   */
  public record Predecessor(
      PreviousSlot slot, Optional<Instant> revokeAfter, Optional<Instant> retiredAt) {

    public Predecessor {
      Objects.requireNonNull(slot, "slot");
    }

    public Instant graceEnd() {
      return revokeAfter.orElse(Instant.EPOCH);
    }
  }

  public TokenSecretState {
    predecessors =
        predecessors.stream()
            .sorted(
                Comparator.comparing(
                        (Predecessor predecessor) -> predecessor.retiredAt().orElse(Instant.MIN))
                    .reversed())
            .toList();
  }

  /** A Secret that holds only the current token, as the wizard or a human leaves it. */
  public static TokenSecretState currentOnly() {
    return new TokenSecretState(false, List.of(), Optional.empty(), Optional.empty());
  }

  /** Whether any replaced token waits for its revocation. */
  public boolean previous() {
    return !predecessors.isEmpty();
  }

  /** Whether every previous-token slot is taken, so a switch must wait for a revocation. */
  public boolean slotsFull() {
    return predecessors.size() >= PreviousSlot.MAX;
  }
}
