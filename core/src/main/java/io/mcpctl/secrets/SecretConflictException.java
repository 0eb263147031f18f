package io.mcpctl.secrets;

/**
 * A check-and-set write or delete found the secret in another state than expected: it exists
 * already (create), or changed or vanished since it was read (update, delete). Nothing was written.
 */
public final class SecretConflictException extends SecretStoreException {

  public SecretConflictException(String message) {
    super(message, null);
  }
}
