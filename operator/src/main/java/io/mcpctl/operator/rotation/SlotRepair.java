package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.VaultToken;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys to remove from a token Secret whose slots contradict each other: a staged or previous
 * slot that repeats another slot's token (of two previous slots, the later one goes), or that holds
 * something other than a token. The token consumers read is never touched; what is removed is never
 * revoked (it is either the current token itself or not a token at all).
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
    Map<String, String> data = new HashMap<>();
    Map<String, String> annotations = new HashMap<>();
    List<String> findings = new ArrayList<>();
    Optional<PreviousSlot> stagedRepeats =
        PreviousSlot.all().stream()
            .filter(slot -> staged.isPresent() && staged.equals(secret.token(slot.tokenKey())))
            .findFirst();
    if (staged.isPresent() && staged.equals(current)) {
      findings.add(TokenSecretKeys.NEXT_TOKEN + " repeats " + tokenKey);
    } else if (stagedRepeats.isPresent()) {
      findings.add(TokenSecretKeys.NEXT_TOKEN + " repeats " + stagedRepeats.get().tokenKey());
    } else if (staged.isEmpty() && holdsSomething(secret, TokenSecretKeys.NEXT_TOKEN)) {
      findings.add(TokenSecretKeys.NEXT_TOKEN + " holds no token");
    }
    if (findings.size() == 1) {
      data.put(TokenSecretKeys.NEXT_TOKEN, null);
      data.put(TokenSecretKeys.NEXT_ACCESSOR, null);
    }
    Map<VaultToken, PreviousSlot> kept = new HashMap<>();
    for (PreviousSlot slot : PreviousSlot.all()) {
      Optional<VaultToken> previous = secret.token(slot.tokenKey());
      Optional<String> finding;
      if (previous.isPresent() && previous.equals(current)) {
        finding = Optional.of(slot.tokenKey() + " repeats " + tokenKey);
      } else if (previous.isPresent() && kept.containsKey(previous.get())) {
        finding = Optional.of(slot.tokenKey() + " repeats " + kept.get(previous.get()).tokenKey());
      } else if (previous.isEmpty() && holdsSomething(secret, slot.tokenKey())) {
        finding = Optional.of(slot.tokenKey() + " holds no token");
      } else {
        finding = Optional.empty();
        previous.ifPresent(token -> kept.put(token, slot));
      }
      if (finding.isPresent()) {
        findings.add(finding.get());
        data.put(slot.tokenKey(), null);
        data.put(slot.accessorKey(), null);
        annotations.put(slot.revokeAfterAnnotation(), null);
        if (!slot.equals(PreviousSlot.NEWEST)) {
          annotations.put(slot.retiredAtAnnotation(), null);
        }
      }
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
