package io.mcpctl.secrets;

/**
 * One secret cannot be used as an MCP secret, while the backend works: its name is taken by an
 * object that is not this backend's, or what is stored is not in mcpctl's format. Other secrets of
 * the same backend are unaffected.
 */
public final class SecretUnusableException extends SecretStoreException {

  public SecretUnusableException(String message, Throwable cause) {
    super(message, cause);
  }
}
