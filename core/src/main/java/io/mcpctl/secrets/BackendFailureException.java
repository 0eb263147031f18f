package io.mcpctl.secrets;

/**
 * The backend itself failed (unreachable, sealed, token rejected, denied, a server error): every
 * further call is likely to fail the same way, so callers stop rather than carry on.
 */
public final class BackendFailureException extends SecretStoreException {

  public BackendFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
