package io.mcpctl.cli.audit;

import io.fabric8.kubernetes.api.model.Secret;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The accessors a token Secret holds, and as what: the current token, the staged successor of a
 * rotation under way, and each replaced token waiting in a previous slot. Only accessor keys and
 * annotations are read; no token value is.
 */
record HeldAccessors(Map<String, Holding> byAccessor, Optional<Instant> mintStartedAt) {

  /**
   * @param key the Secret key that holds the accessor
   * @param revokeAfter for a previous token: when its hold ends
   */
  record Holding(TokenState state, String key, Optional<Instant> revokeAfter) {}

  HeldAccessors {
    byAccessor = Map.copyOf(byAccessor);
  }

  static HeldAccessors of(Secret secret) {
    Map<String, String> annotations =
        secret.getMetadata().getAnnotations() == null
            ? Map.of()
            : secret.getMetadata().getAnnotations();
    Map<String, Holding> held = new LinkedHashMap<>();
    hold(held, secret, TokenSecretKeys.ACCESSOR, TokenState.CURRENT, Optional.empty());
    hold(held, secret, TokenSecretKeys.NEXT_ACCESSOR, TokenState.STAGED, Optional.empty());
    for (PreviousSlot slot : PreviousSlot.all()) {
      hold(
          held,
          secret,
          slot.accessorKey(),
          TokenState.PREVIOUS,
          Rfc3339.parse(annotations.get(slot.revokeAfterAnnotation())));
    }
    return new HeldAccessors(
        held, Rfc3339.parse(annotations.get(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION)));
  }

  private static void hold(
      Map<String, Holding> held,
      Secret secret,
      String key,
      TokenState state,
      Optional<Instant> revokeAfter) {
    SecretKeyRef.value(secret, key)
        .map(String::strip)
        .filter(accessor -> !accessor.isEmpty())
        .ifPresent(accessor -> held.putIfAbsent(accessor, new Holding(state, key, revokeAfter)));
  }

  Optional<Holding> holding(String accessor) {
    return Optional.ofNullable(byAccessor.get(accessor));
  }
}
