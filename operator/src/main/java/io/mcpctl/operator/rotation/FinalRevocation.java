package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.VaultToken;
import io.mcpctl.text.Sentences;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finalizer's work: revokes every live token the Secret holds (staged, every previous, current)
 * and deletes the Secret when the operator owns it. A Secret not bound to the backend is left alone
 * entirely: the tokens there were never given to it.
 */
public final class FinalRevocation {

  private static final Logger LOG = LoggerFactory.getLogger(FinalRevocation.class);

  private final SecretAccess secrets;

  public FinalRevocation(TokenSecretStore store) {
    this.secrets = new SecretAccess(store);
  }

  /**
   * @return empty when done; a failure of kind SECRET_NOT_BOUND when the Secret was left alone, of
   *     kind SECRET_MISSING when it was gone already; else why deletion must wait
   */
  public Optional<Failure> revokeAll(BackendTarget target) {
    Optional<TokenSecret> secret;
    try {
      secret = secrets.read(target);
    } catch (SecretAccessException unreadable) {
      return Optional.of(
          Failure.of(
              FailureKind.ROTATION_ERROR,
              "The token Secret could not be read: " + unreadable.getMessage()));
    }
    if (secret.isEmpty()) {
      return Optional.of(
          Failure.of(
              FailureKind.SECRET_MISSING,
              "Secret "
                  + target.namespace()
                  + "/"
                  + target.tokenSecretRef().getName()
                  + " was deleted before the backend, so the tokens it held could not be revoked."));
    }
    Optional<String> unbound = TokenSecretCheck.notBound(target, secret.get());
    if (unbound.isPresent()) {
      return Optional.of(Failure.of(FailureKind.SECRET_NOT_BOUND, unbound.get()));
    }
    List<String> keys = new ArrayList<>();
    keys.add(TokenSecretKeys.NEXT_TOKEN);
    PreviousSlot.all().forEach(slot -> keys.add(slot.tokenKey()));
    keys.add(target.tokenSecretRef().getKey());
    Map<VaultToken, String> distinct = new LinkedHashMap<>();
    for (String key : keys) {
      secret.get().token(key).ifPresent(token -> distinct.putIfAbsent(token, key));
    }
    for (Map.Entry<VaultToken, String> token : distinct.entrySet()) {
      Optional<Failure> failure =
          Revocations.revoke(target, token.getKey(), "the " + token.getValue() + " token");
      if (failure.isPresent()) {
        return failure;
      }
    }
    if (secret.get().managedByOperator()) {
      Set<String> unrevoked = new TreeSet<>(secret.get().data().keySet());
      unrevoked.removeAll(TokenSecretKeys.OPERATOR_KEYS);
      unrevoked.remove(target.tokenSecretRef().getKey());
      if (!unrevoked.isEmpty()) {
        // A key the spec no longer names (its tokenSecretRef.key was changed) may hold a live
        // token: deleting the Secret would leave it alive and held by nobody.
        LOG.warn(
            "Kept the token Secret of {}: it holds keys the backend does not name ({}), which were"
                + " not revoked.",
            target.key(),
            Sentences.oneLine(String.join(", ", unrevoked), 200));
        return Optional.empty();
      }
      try {
        secrets.delete(secret.get());
      } catch (SecretAccessException refused) {
        return Optional.of(
            Failure.of(
                FailureKind.ROTATION_ERROR,
                "The token Secret could not be deleted: " + refused.getMessage()));
      }
    }
    return Optional.empty();
  }
}
