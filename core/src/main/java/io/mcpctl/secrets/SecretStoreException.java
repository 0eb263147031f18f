package io.mcpctl.secrets;

/**
 * Base of every failure a {@link SecretStore} or {@link SecretStores} reports. The message is one
 * sentence that says what is wrong and what to do next; it never contains a secret value or a
 * token.
 */
public abstract class SecretStoreException extends RuntimeException {

  protected SecretStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
