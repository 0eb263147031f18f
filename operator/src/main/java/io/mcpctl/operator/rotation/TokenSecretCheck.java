package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.CommandHints;
import java.util.Optional;

/**
 * Whether a backend may use its token Secret at all: it exists, it is bound to this backend and its
 * OpenBao address (so a SecretBackend cannot borrow another Secret, nor send a token to an address
 * it was not stored for), and its consumers' key holds one token. Nothing else reads, sends,
 * revokes or deletes what a Secret holds before this check passes.
 */
public final class TokenSecretCheck {

  private TokenSecretCheck() {}

  /** The failure that keeps {@code target} from using {@code secret}; empty when it may. */
  public static Optional<Failure> unusable(BackendTarget target, Optional<TokenSecret> secret) {
    String wizard = CommandHints.wizard(target.namespace(), target.name());
    String named = "Secret " + target.namespace() + "/" + target.tokenSecretRef().getName();
    if (secret.isEmpty()) {
      return Optional.of(
          Failure.of(
              FailureKind.SECRET_MISSING,
              named + " does not exist; create it with '" + wizard + "'."));
    }
    Optional<String> unbound = notBound(target, secret.get());
    if (unbound.isPresent()) {
      return Optional.of(Failure.of(FailureKind.SECRET_NOT_BOUND, unbound.get()));
    }
    String key = target.tokenSecretRef().getKey();
    return secret
        .get()
        .tokenProblem(key)
        .map(
            problem ->
                Failure.of(
                    secret.get().data().containsKey(key)
                        ? FailureKind.SECRET_INVALID
                        : FailureKind.SECRET_MISSING,
                    named
                        + " "
                        + problem
                        + "; store exactly one token there, or re-run '"
                        + wizard
                        + "'."));
  }

  /** Why {@code secret} is not bound to {@code target}; empty when it is. */
  public static Optional<String> notBound(BackendTarget target, TokenSecret secret) {
    return secret.bindingProblem(target.binding());
  }
}
