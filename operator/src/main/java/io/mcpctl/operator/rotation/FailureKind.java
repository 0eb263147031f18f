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
  /** The token Secret's key is empty or holds something that is not one token. */
  SECRET_INVALID,
  /** The token Secret is not bound to this backend and its address: it is not used at all. */
  SECRET_NOT_BOUND,
  /** The current token may no longer read or write its namespace's KV folder. */
  KV_ACCESS_DENIED,
  /** Anything else: a refused request, a server error, an unsafe successor, a failed write. */
  ROTATION_ERROR;

  /** Whether the failure says OpenBao itself cannot serve, rather than that a request failed. */
  public boolean isAvailability() {
    return this == SEALED || this == STANDBY || this == UNREACHABLE;
  }
}
