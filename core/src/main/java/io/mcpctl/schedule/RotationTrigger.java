package io.mcpctl.schedule;

/** Why a rotation starts. */
public enum RotationTrigger {
  /** The operator has never rotated this token: it may have passed through human hands. */
  FIRST_SEEN,
  /** {@code nextRotationAt} has passed (on schedule, overdue after a restart, or a retry). */
  SCHEDULED,
  /** The rotate annotation carries a value not handled yet. */
  MANUAL_REQUEST,
  /**
   * A rotate request that also asks to revoke the previous tokens at once ({@code kubectl mcpctl
   * rotate --revoke-previous}, the response to a leak): no grace period, no wait for consumers.
   */
  REVOKE_PREVIOUS_REQUEST,
  /** The spec changed while a failed rotation waited for its back-off: the change may fix it. */
  SPEC_CHANGED
}
