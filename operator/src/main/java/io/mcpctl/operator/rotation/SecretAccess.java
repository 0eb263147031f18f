package io.mcpctl.operator.rotation;

import java.util.Optional;

/**
 * The steps' way to the token Secret: every write is optimistic on the version read and keeps the
 * report's view of the Secret current, so the reconciler never reads back its own write.
 */
final class SecretAccess {

  private final TokenSecretStore store;

  SecretAccess(TokenSecretStore store) {
    this.store = store;
  }

  /**
   * Writes {@code desired}. A failed write may have happened anyway, so the report's view is then
   * dropped and the reconciler reads the Secret again.
   *
   * @throws SecretAccessException when the API refused or did not answer
   */
  TokenSecret write(TokenSecret desired, ReconcileReport report) {
    try {
      TokenSecret written = store.update(desired);
      report.secretSeen(written);
      return written;
    } catch (SecretAccessException refused) {
      report.secretUnknown();
      throw refused;
    }
  }

  /**
   * The Secret as it is now, when the backend may use it; otherwise empty and the report says why.
   */
  Optional<TokenSecret> readUsable(BackendTarget target, ReconcileReport report) {
    Optional<TokenSecret> secret = read(target);
    Optional<Failure> unusable = TokenSecretCheck.unusable(target, secret);
    if (unusable.isPresent()) {
      report.tokenProblem(unusable.get());
      return Optional.empty();
    }
    secret.ifPresent(report::secretSeen);
    return secret;
  }

  /**
   * @throws SecretAccessException when the API refused or did not answer
   */
  Optional<TokenSecret> read(BackendTarget target) {
    return store.read(target.namespace(), target.tokenSecretRef().getName());
  }

  /**
   * @throws SecretAccessException when the API refused
   */
  void delete(TokenSecret secret) {
    store.delete(secret);
  }
}
