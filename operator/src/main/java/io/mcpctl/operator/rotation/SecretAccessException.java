package io.mcpctl.operator.rotation;

/**
 * A Secret read or write that did not go through. A conflict means the write certainly did not
 * happen; any other failure (a 500, a timeout) may have happened anyway, so the writer reads the
 * Secret again before deciding what the world looks like.
 */
public final class SecretAccessException extends RuntimeException {

  private final boolean conflict;

  public SecretAccessException(String message, boolean conflict, Throwable cause) {
    super(message, cause);
    this.conflict = conflict;
  }

  /** True for 409: the Secret changed since it was read, and nothing was written. */
  public boolean conflict() {
    return conflict;
  }
}
