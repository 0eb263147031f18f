package io.mcpctl.schedule;

import java.util.Optional;

/**
 * The one thing a reconcile of a backend does, as the planner decided it. Whoever performs it acts
 * on the decision and never consults the clock to decide again.
 */
public sealed interface NextAction {

  /** The rotation this action performs or may perform, if a rotation is due. */
  default Optional<RotationTrigger> rotation() {
    if (this instanceof Rotate rotate) {
      return Optional.of(rotate.trigger());
    }
    return this instanceof ResolveStaged staged ? staged.dueRotation() : Optional.empty();
  }

  /** Nothing is due before the plan's wake-up: no OpenBao call, no write. */
  record NothingDue() implements NextAction {}

  /**
   * A {@code next-token} left by an interrupted rotation: verify and promote it, or revoke it.
   *
   * @param dueRotation a rotation that was due as well: a promotion is that rotation, and a staged
   *     token that is dropped leaves it to run at once
   * @param thenCheck whether the current token's check is due too
   */
  record ResolveStaged(Optional<RotationTrigger> dueRotation, boolean thenCheck)
      implements NextAction {}

  /**
   * A {@code previous-token} whose grace period has ended: revoke it.
   *
   * @param thenCheck whether the current token's check is due too
   */
  record RevokePredecessor(boolean thenCheck) implements NextAction {}

  /**
   * Mint, verify and switch to a successor.
   *
   * @param revokePredecessorFirst a predecessor's grace period has ended and it is revoked first: a
   *     rotation never pushes a live token out of the Secret
   */
  record Rotate(RotationTrigger trigger, boolean revokePredecessorFirst) implements NextAction {}

  /** Look the current token up, renew it if rotations keep failing, probe its KV access. */
  record CheckToken() implements NextAction {}
}
