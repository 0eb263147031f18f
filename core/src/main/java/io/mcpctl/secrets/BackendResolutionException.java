package io.mcpctl.secrets;

/**
 * A backend name could not be turned into a store: no such SecretBackend, an invalid spec, or a
 * missing token or CA Secret.
 */
public final class BackendResolutionException extends SecretStoreException {

  public BackendResolutionException(String message) {
    super(message, null);
  }

  public BackendResolutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
