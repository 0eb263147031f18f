package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.VaultToken;
import java.util.Optional;

/** revoke-self with a token the Secret holds, and nothing else. */
final class Revocations {

  private Revocations() {}

  /**
   * Revokes {@code token}. A token OpenBao no longer accepts counts as revoked, but only once
   * lookup-self confirms it: a rejection from something in front of OpenBao must not make the
   * operator forget a live token.
   *
   * @param what the token as a sentence names it ("the previous token")
   * @return empty when the token is gone; else why it is not
   */
  static Optional<Failure> revoke(BackendTarget target, VaultToken token, String what) {
    OpenBaoClient client = target.openbao().withToken(token);
    try {
      client.revokeSelf();
      return Optional.empty();
    } catch (TokenRejectedException rejected) {
      return confirmGone(target, client, what);
    } catch (OpenBaoException failure) {
      return Optional.of(
          FailureClassifier.classify("revoking " + what, failure, false, target.openbao()));
    }
  }

  private static Optional<Failure> confirmGone(
      BackendTarget target, OpenBaoClient client, String what) {
    try {
      client.lookupSelf();
      return Optional.of(
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "OpenBao refused to revoke "
                  + what
                  + " although the token still works; revoking it is retried."));
    } catch (TokenRejectedException gone) {
      return Optional.empty();
    } catch (OpenBaoException failure) {
      return Optional.of(
          FailureClassifier.classify(
              "confirming the revocation of " + what, failure, false, target.openbao()));
    }
  }
}
