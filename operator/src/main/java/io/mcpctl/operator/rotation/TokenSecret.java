package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretBinding;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An immutable copy of the token Secret: decoded data, annotations, labels and the resource version
 * that makes the next write optimistic. Prints key names only, never values.
 */
public final class TokenSecret {

  private final String namespace;
  private final String name;
  private final String type;
  private final String resourceVersion;
  private final Map<String, String> data;
  private final Map<String, String> annotations;
  private final Map<String, String> labels;

  public TokenSecret(
      String namespace,
      String name,
      String type,
      String resourceVersion,
      Map<String, String> data,
      Map<String, String> annotations,
      Map<String, String> labels) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.name = Objects.requireNonNull(name, "name");
    this.type = type;
    this.resourceVersion = resourceVersion;
    this.data = Map.copyOf(data);
    this.annotations = Map.copyOf(annotations);
    this.labels = Map.copyOf(labels);
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The Secret's type; a token Secret has {@link TokenSecretBinding#TYPE}. */
  public String type() {
    return type;
  }

  /** The version read; a write based on an older one is refused with a conflict. */
  public String resourceVersion() {
    return resourceVersion;
  }

  public Map<String, String> data() {
    return data;
  }

  public Map<String, String> annotations() {
    return annotations;
  }

  public Map<String, String> labels() {
    return labels;
  }

  /** The token under {@code key}; empty when the key is absent, empty or not one token. */
  public Optional<VaultToken> token(String key) {
    String value = data.get(key);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(VaultToken.of(value));
    } catch (IllegalArgumentException notOneToken) {
      return Optional.empty();
    }
  }

  /**
   * What is wrong with the token under {@code key}, as the end of a sentence about this Secret (for
   * example "has no key 'token'"); empty when it holds one token. Never quotes the value.
   */
  public Optional<String> tokenProblem(String key) {
    String value = data.get(key);
    if (value == null) {
      return Optional.of("has no key '" + key + "'");
    }
    if (value.isBlank()) {
      return Optional.of("has an empty key '" + key + "'");
    }
    return token(key).isPresent()
        ? Optional.empty()
        : Optional.of(
            "holds something other than one token under '"
                + key
                + "' (whitespace, control or non-ASCII characters inside it)");
  }

  /** Why a backend bound as {@code expected} may not use this Secret; empty when it may. */
  public Optional<String> bindingProblem(TokenSecretBinding.Binding expected) {
    return TokenSecretBinding.problem(type, annotations, namespace, name, expected);
  }

  /** Whether any key holds {@code token}. */
  public boolean holds(VaultToken token) {
    return keysHolding(token).findAny().isPresent();
  }

  /**
   * Whether a key other than {@code key} holds {@code token}: a staged token that is also the
   * consumers' (or anyone's) is theirs to keep, whatever the spec's key says today.
   */
  public boolean holdsElsewhere(String key, VaultToken token) {
    return keysHolding(token).anyMatch(holding -> !holding.equals(key));
  }

  private Stream<String> keysHolding(VaultToken token) {
    return data.entrySet().stream()
        .filter(entry -> entry.getValue() != null)
        .filter(entry -> entry.getValue().strip().equals(token.reveal()))
        .map(Map.Entry::getKey);
  }

  public Optional<String> value(String key) {
    return Optional.ofNullable(data.get(key)).filter(value -> !value.isBlank());
  }

  public Optional<Instant> annotationTime(String annotation) {
    return Rfc3339.parse(annotations.get(annotation));
  }

  /** Whether the operator created the Secret, so deleting the backend may delete it too. */
  public boolean managedByOperator() {
    return SecretBackend.MANAGED_BY_VALUE.equals(labels.get(SecretBackend.MANAGED_BY_LABEL));
  }

  /**
   * What the Secret holds, without any value, for the planner. A staged or previous slot counts
   * when it holds anything, even something that is not a token, so that recovery runs and repairs
   * it.
   */
  public TokenSecretState state() {
    return new TokenSecretState(
        value(TokenSecretKeys.NEXT_TOKEN).isPresent(),
        PreviousSlot.all().stream()
            .filter(slot -> value(slot.tokenKey()).isPresent())
            .map(
                slot ->
                    new TokenSecretState.Predecessor(
                        slot,
                        annotationTime(slot.revokeAfterAnnotation()),
                        annotationTime(slot.retiredAtAnnotation())))
            .toList(),
        annotationTime(TokenSecretKeys.ROTATED_AT_ANNOTATION),
        annotationTime(TokenSecretKeys.NEXT_ROTATION_AT_ANNOTATION));
  }

  /** The first numbered previous-token slot that holds nothing; empty when all are taken. */
  public Optional<PreviousSlot> freeOlderSlot() {
    return PreviousSlot.all().stream()
        .filter(slot -> !slot.equals(PreviousSlot.NEWEST))
        .filter(slot -> !data.containsKey(slot.tokenKey()))
        .findFirst();
  }

  /** A copy to write: the given data keys set or, for null values, removed. */
  public TokenSecret withData(Map<String, String> changes) {
    return new TokenSecret(
        namespace, name, type, resourceVersion, applied(data, changes), annotations, labels);
  }

  /** This Secret without its staged {@code next-token} and {@code next-accessor}. */
  public TokenSecret withoutStaged() {
    Map<String, String> removed = new HashMap<>();
    removed.put(TokenSecretKeys.NEXT_TOKEN, null);
    removed.put(TokenSecretKeys.NEXT_ACCESSOR, null);
    return withData(removed);
  }

  /** A copy to write: the given annotations set or, for null values, removed. */
  public TokenSecret withAnnotations(Map<String, String> changes) {
    return new TokenSecret(
        namespace, name, type, resourceVersion, data, applied(annotations, changes), labels);
  }

  /** {@code entries} with each change set, or removed where its value is null. */
  private static Map<String, String> applied(
      Map<String, String> entries, Map<String, String> changes) {
    Map<String, String> updated = new HashMap<>(entries);
    changes.forEach(
        (key, value) -> {
          if (value == null) {
            updated.remove(key);
          } else {
            updated.put(key, value);
          }
        });
    return updated;
  }

  @Override
  public String toString() {
    return "TokenSecret["
        + namespace
        + "/"
        + name
        + ", resourceVersion="
        + resourceVersion
        + ", keys="
        + new TreeSet<>(data.keySet())
        + "]";
  }
}
