package io.mcpctl.schedule;

import io.mcpctl.tokensecret.PreviousSlot;
import java.util.Optional;
import java.util.Set;

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
   * Previous tokens whose grace periods (and holds) have ended: revoke them.
   *
   * @param due their slots
   * @param thenCheck whether the current token's check is due too
   */
  record RevokePredecessors(Set<PreviousSlot> due, boolean thenCheck) implements NextAction {

    public RevokePredecessors {
      due = Set.copyOf(due);
    }
  }

  /**
   * Mint, verify and switch to a successor.
   *
   * @param revokeFirst slots of previous tokens whose time has come: they are revoked first, as
   *     they would be without the rotation
   */
  record Rotate(RotationTrigger trigger, Set<PreviousSlot> revokeFirst) implements NextAction {

    public Rotate {
      revokeFirst = Set.copyOf(revokeFirst);
    }

    /** A rotation with no previous token due. */
    public Rotate(RotationTrigger trigger) {
      this(trigger, Set.of());
    }
  }

  /** Look the current token up, renew it if rotations keep failing, probe its KV access. */
  record CheckToken() implements NextAction {}
}
