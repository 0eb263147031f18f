package io.mcpctl.operator.testing;

import io.mcpctl.operator.rotation.SecretAccessException;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.operator.rotation.TokenSecretStore;
import java.util.Optional;

/**
 * A token Secret store that fails one chosen update the way an API server can: 409 (not written),
 * 500 (not written), or 500 after the write went through (the answer was lost).
 */
public final class FaultySecretStore implements TokenSecretStore {

  /** How the chosen update fails. */
  public enum Mode {
    CONFLICT("409"),
    SERVER_ERROR("500"),
    SERVER_ERROR_AFTER_COMMIT("500 after commit");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final TokenSecretStore delegate;
  private int updatesUntilFault = -1;
  private Mode mode;

  public FaultySecretStore(TokenSecretStore delegate) {
    this.delegate = delegate;
  }

  /** Fails the {@code nth} update from now on (1 = the next one). */
  public synchronized void failUpdate(int nth, Mode failure) {
    this.updatesUntilFault = nth;
    this.mode = failure;
  }

  @Override
  public Optional<TokenSecret> read(String namespace, String name) {
    return delegate.read(namespace, name);
  }

  @Override
  public TokenSecret update(TokenSecret secret) {
    Mode failure = takeFault();
    if (failure == null) {
      return delegate.update(secret);
    }
    String where = "Writing Secret " + secret.namespace() + "/" + secret.name();
    switch (failure) {
      case CONFLICT ->
          throw new SecretAccessException(where + " failed with HTTP 409 Conflict.", true, null);
      case SERVER_ERROR ->
          throw new SecretAccessException(where + " failed with HTTP 500.", false, null);
      default -> {
        delegate.update(secret);
        throw new SecretAccessException(where + " failed with HTTP 500.", false, null);
      }
    }
  }

  @Override
  public void delete(TokenSecret secret) {
    delegate.delete(secret);
  }

  private synchronized Mode takeFault() {
    if (updatesUntilFault < 0) {
      return null;
    }
    updatesUntilFault--;
    if (updatesUntilFault == 0) {
      updatesUntilFault = -1;
      return mode;
    }
    return null;
  }
}
