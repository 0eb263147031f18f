package io.mcpctl.operator.rotation;

/** What went wrong, in the terms the Ready condition and the back-off need. */
public enum FailureKind {
  SEALED,
  STANDBY,
  UNREACHABLE,
  /** OpenBao refused the current token itself (expired, revoked, unknown). */
  TOKEN_REJECTED,
  /** The token Secret or its key is gone. */
  SECRET_MISSING,
  /** Anything else: a refused request, a server error, an unsafe successor, a failed write. */
  ROTATION_ERROR;

  /** Whether the failure says OpenBao itself cannot serve, rather than that a request failed. */
  public boolean isAvailability() {
    return this == SEALED || this == STANDBY || this == UNREACHABLE;
  }
}
