package io.mcpctl.cli.wizard;

import io.fabric8.kubernetes.api.model.Secret;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.text.Sentences;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretBinding;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Secret that already carries the name of the backend's token Secret, and what a wizard run may
 * do with it. Only a Secret bound to this backend ({@link TokenSecretBinding}), or the Opaque
 * managed Secret an older mcpctl wrote for it, is this backend's: anything else is refused before
 * OpenBao is contacted. Its tokens are sent (looked up, kept, revoked) only to the OpenBao they are
 * for, so pointing the wizard at another address never hands them to that address.
 */
final class ExistingTokenSecret {

  /** Keys that may hold a token the new one replaces. */
  private static final List<String> TOKEN_KEYS = tokenKeys();

  private final Optional<Secret> secret;
  private final String secretName;

  /** What an OpenBao accessor looks like: base62, with a namespace's suffix after a dot. */
  private static final Pattern ACCESSOR_SHAPE =
      Pattern.compile("[A-Za-z0-9]{1,64}(\\.[A-Za-z0-9]{1,64})?");

  private final Optional<String> tokensAreFor;
  private final boolean bound;
  private final boolean tokensMayBeSent;

  private ExistingTokenSecret(
      Optional<Secret> secret,
      String secretName,
      Optional<String> tokensAreFor,
      boolean bound,
      boolean tokensMayBeSent) {
    this.secret = secret;
    this.secretName = secretName;
    this.tokensAreFor = tokensAreFor;
    this.bound = bound;
    this.tokensMayBeSent = tokensMayBeSent;
  }

  /**
   * @param found the Secret named like the backend's token Secret, if any
   * @param binding what this run binds the token Secret to (address, certificate check)
   * @param backend the SecretBackend of that name, if it exists already
   * @throws CliException when the Secret belongs to another backend or is not mcpctl's
   */
  static ExistingTokenSecret check(
      Optional<Secret> found,
      String namespace,
      BackendNames names,
      TokenSecretBinding.Binding binding,
      Optional<SecretBackend> backend) {
    String secretName = names.tokenSecret();
    if (found.isEmpty()) {
      return new ExistingTokenSecret(found, secretName, Optional.empty(), false, false);
    }
    Secret secret = found.get();
    Map<String, String> annotations =
        Optional.ofNullable(secret.getMetadata().getAnnotations()).orElse(Map.of());
    String boundTo = annotations.get(TokenSecretBinding.BACKEND_ANNOTATION);
    if (boundTo != null && !boundTo.equals(names.backend())) {
      throw new CliException(
          "Secret "
              + secretName
              + " in namespace "
              + namespace
              + " is the token Secret of SecretBackend "
              + boundTo
              + " (annotation "
              + TokenSecretBinding.BACKEND_ANNOTATION
              + "="
              + boundTo
              + "), not of "
              + names.backend()
              + "; choose another backend name, or give "
              + boundTo
              + " a token Secret of its own and delete this one first.");
    }
    if (TokenSecretBinding.TYPE.equals(secret.getType()) && boundTo != null) {
      Optional<String> heldFor =
          Optional.ofNullable(annotations.get(TokenSecretBinding.ADDRESS_ANNOTATION));
      boolean forThisAddress =
          TokenSecretBinding.problem(secret.getType(), annotations, namespace, secretName, binding)
              .isEmpty();
      return new ExistingTokenSecret(found, secretName, heldFor, forThisAddress, forThisAddress);
    }
    if (!BackendObjects.isManaged(secret)) {
      throw new CliException(
          BackendObjects.notManaged(
              secretName, namespace, " and not bound to SecretBackend " + names.backend()));
    }
    // Written by an older mcpctl for this backend, before token Secrets were bound: its tokens are
    // for the OpenBao the existing SecretBackend names, if it still names this Secret.
    Optional<String> heldFor =
        backend
            .filter(existing -> secretName.equals(tokenSecretOf(existing)))
            .map(existing -> existing.getSpec().getOpenbao().getAddress());
    boolean forThisAddress =
        heldFor
            .filter(
                legacyAddress -> TokenSecretBinding.sameAddress(legacyAddress, binding.address()))
            .isPresent();
    return new ExistingTokenSecret(found, secretName, heldFor, false, forThisAddress);
  }

  Optional<Secret> secret() {
    return secret;
  }

  /** Whether the Secret is already bound to this backend at this run's address. */
  boolean bound() {
    return bound;
  }

  /** The token to try keeping, when the Secret has one for this run's OpenBao. */
  Optional<VaultToken> currentToken() {
    return tokenIn(TokenSecretKeys.TOKEN);
  }

  /** The tokens the Secret holds for this run's OpenBao besides {@code current}: to revoke. */
  List<VaultToken> tokensReplacedBy(VaultToken current) {
    return TOKEN_KEYS.stream()
        .map(this::tokenIn)
        .flatMap(Optional::stream)
        .filter(token -> !token.equals(current))
        .distinct()
        .toList();
  }

  /** The tokens {@code secret} holds in any of its token keys. */
  static Set<VaultToken> tokensHeldBy(Optional<Secret> secret) {
    Set<VaultToken> held = new HashSet<>();
    secret.ifPresent(
        found ->
            TOKEN_KEYS.forEach(
                key ->
                    BackendObjects.decoded(found, key)
                        .flatMap(ExistingTokenSecret::token)
                        .ifPresent(held::add)));
    return held;
  }

  /**
   * The warning for tokens this run neither used nor revoked because they are for another OpenBao
   * (or one it cannot tell); empty when there are none.
   */
  Optional<String> tokensLeftAlone(String address) {
    boolean heldTokens =
        secret.isPresent()
            && TOKEN_KEYS.stream()
                .anyMatch(key -> BackendObjects.decoded(secret.get(), key).isPresent());
    if (tokensMayBeSent || !heldTokens) {
      return Optional.empty();
    }
    Optional<String> accessor =
        secret.flatMap(found -> BackendObjects.decoded(found, TokenSecretKeys.ACCESSOR));
    return Optional.of(
        "warning: Secret "
            + secretName
            + " held tokens for "
            + tokensAreFor
                .map(held -> "OpenBao at " + Sentences.oneLine(held, 200))
                .orElse("an OpenBao it does not name")
            + ", not "
            + address
            + ", so they were neither sent here nor revoked; revoke them there"
            // Offered to paste only when it cannot carry more than an accessor.
            + accessor
                .filter(value -> ACCESSOR_SHAPE.matcher(value).matches())
                .map(value -> " ('bao token revoke -accessor " + value + "')")
                .orElse("")
            + ", or let them expire.");
  }

  private Optional<VaultToken> tokenIn(String key) {
    if (!tokensMayBeSent) {
      return Optional.empty();
    }
    return secret
        .flatMap(found -> BackendObjects.decoded(found, key))
        .flatMap(ExistingTokenSecret::token);
  }

  private static List<String> tokenKeys() {
    List<String> keys = new ArrayList<>(List.of(TokenSecretKeys.TOKEN, TokenSecretKeys.NEXT_TOKEN));
    PreviousSlot.all().forEach(slot -> keys.add(slot.tokenKey()));
    return List.copyOf(keys);
  }

  private static Optional<VaultToken> token(String value) {
    try {
      return Optional.of(VaultToken.of(value));
    } catch (IllegalArgumentException unusable) {
      return Optional.empty();
    }
  }

  private static String tokenSecretOf(SecretBackend backend) {
    return Optional.ofNullable(backend.getSpec())
        .map(spec -> spec.getOpenbao())
        .map(openbao -> openbao.getAuth())
        .map(auth -> auth.getTokenSecretRef())
        .map(ref -> Objects.toString(ref.getName(), ""))
        .orElse("");
  }
}
