package io.mcpctl.schedule;

/** Why a rotation starts. */
public enum RotationTrigger {
  /** The operator has never rotated this token: it may have passed through human hands. */
  FIRST_SEEN,
  /** {@code nextRotationAt} has passed (on schedule, overdue after a restart, or a retry). */
  SCHEDULED,
  /** The rotate annotation carries a value not handled yet. */
  MANUAL_REQUEST,
  /** The spec changed while a failed rotation waited for its back-off: the change may fix it. */
  SPEC_CHANGED
}
