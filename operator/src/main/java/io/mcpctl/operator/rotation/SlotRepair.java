package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.VaultToken;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys to remove from a token Secret whose slots contradict each other: a staged or previous
 * slot that repeats another slot's token, or that holds something other than a token. The token
 * consumers read is never touched; what is removed is never revoked (it is either the current token
 * itself or not a token at all).
 *
 * @param data data keys to remove (null values)
 * @param annotations annotations to remove (null values)
 * @param findings what contradicted, for the event; names keys only, never values
 */
record SlotRepair(Map<String, String> data, Map<String, String> annotations, String findings) {

  /** The repair {@code secret} needs, or empty when its slots agree. */
  static Optional<SlotRepair> of(TokenSecret secret, String tokenKey) {
    Optional<VaultToken> current = secret.token(tokenKey);
    Optional<VaultToken> staged = secret.token(TokenSecretKeys.NEXT_TOKEN);
    Optional<VaultToken> previous = secret.token(TokenSecretKeys.PREVIOUS_TOKEN);
    Map<String, String> data = new HashMap<>();
    Map<String, String> annotations = new HashMap<>();
    List<String> findings = new ArrayList<>();
    if (staged.isPresent() && staged.equals(current)) {
      findings.add(TokenSecretKeys.NEXT_TOKEN + " repeats " + tokenKey);
    } else if (staged.isPresent() && staged.equals(previous)) {
      findings.add(TokenSecretKeys.NEXT_TOKEN + " repeats " + TokenSecretKeys.PREVIOUS_TOKEN);
    } else if (staged.isEmpty() && holdsSomething(secret, TokenSecretKeys.NEXT_TOKEN)) {
      findings.add(TokenSecretKeys.NEXT_TOKEN + " holds no token");
    }
    if (findings.size() == 1) {
      data.put(TokenSecretKeys.NEXT_TOKEN, null);
      data.put(TokenSecretKeys.NEXT_ACCESSOR, null);
    }
    int before = findings.size();
    if (previous.isPresent() && previous.equals(current)) {
      findings.add(TokenSecretKeys.PREVIOUS_TOKEN + " repeats " + tokenKey);
    } else if (previous.isEmpty() && holdsSomething(secret, TokenSecretKeys.PREVIOUS_TOKEN)) {
      findings.add(TokenSecretKeys.PREVIOUS_TOKEN + " holds no token");
    }
    if (findings.size() > before) {
      data.put(TokenSecretKeys.PREVIOUS_TOKEN, null);
      data.put(TokenSecretKeys.PREVIOUS_ACCESSOR, null);
      annotations.put(TokenSecretKeys.PREVIOUS_REVOKE_AFTER_ANNOTATION, null);
    }
    return findings.isEmpty()
        ? Optional.empty()
        : Optional.of(new SlotRepair(data, annotations, String.join(", ", findings)));
  }

  /** A key present with a value, even one that is not a token. */
  private static boolean holdsSomething(TokenSecret secret, String key) {
    return secret.data().containsKey(key);
  }
}
