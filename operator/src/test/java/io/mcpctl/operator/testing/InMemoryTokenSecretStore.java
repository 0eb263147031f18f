package io.mcpctl.operator.testing;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.rotation.SecretAccessException;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.operator.rotation.TokenSecretStore;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token Secrets in memory with the API server's optimistic concurrency (409 on a stale version).
 */
public final class InMemoryTokenSecretStore implements TokenSecretStore {

  private final Map<String, TokenSecret> secrets = new ConcurrentHashMap<>();
  private final AtomicLong versions = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final java.util.List<java.util.Set<String>> history =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** Creates or replaces a Secret as a human or the wizard would. */
  public TokenSecret put(TokenSecret secret) {
    TokenSecret stored = versioned(secret);
    secrets.put(key(secret.namespace(), secret.name()), stored);
    return stored;
  }

  public long writes() {
    return writes.get();
  }

  /** How many reads were asked for, each of which is a GET on the real API server. */
  public long reads() {
    return reads.get();
  }

  /** The data keys of every successful update, in order (values never). */
  public java.util.List<java.util.Set<String>> history() {
    return java.util.List.copyOf(history);
  }

  @Override
  public Optional<TokenSecret> read(String namespace, String name) {
    reads.incrementAndGet();
    return Optional.ofNullable(secrets.get(key(namespace, name)));
  }

  @Override
  public synchronized TokenSecret update(TokenSecret secret) {
    writes.incrementAndGet();
    requireVersionRead(secret, "Writing");
    history.add(new java.util.TreeSet<>(secret.data().keySet()));
    return put(secret);
  }

  @Override
  public synchronized void delete(TokenSecret secret) {
    writes.incrementAndGet();
    requireVersionRead(secret, "Deleting");
    secrets.remove(key(secret.namespace(), secret.name()));
  }

  /** The API server's optimistic concurrency: a 409 unless the Secret is still as read. */
  private void requireVersionRead(TokenSecret secret, String doing) {
    TokenSecret current = secrets.get(key(secret.namespace(), secret.name()));
    if (current == null || !current.resourceVersion().equals(secret.resourceVersion())) {
      throw new SecretAccessException(
          doing
              + " Secret "
              + secret.namespace()
              + "/"
              + secret.name()
              + " failed with HTTP 409 Conflict.",
          true,
          null);
    }
  }

  /**
   * The token Secret {@code <backend>-token} as the wizard writes it: bound to the backend and its
   * OpenBao address, holding the token and its accessor.
   */
  public static TokenSecret boundSecret(
      String namespace, String backend, String address, IssuedToken token) {
    return new TokenSecret(
        namespace,
        backend + "-token",
        TokenSecretBinding.TYPE,
        null,
        Map.of("token", token.clientToken().reveal(), "accessor", token.accessor()),
        TokenSecretBinding.Binding.rotated(backend, address, TokenSecretBinding.TLS_SYSTEM)
            .annotations(),
        Map.of(SecretBackend.MANAGED_BY_LABEL, SecretBackend.MANAGED_BY_VALUE));
  }

  private TokenSecret versioned(TokenSecret secret) {
    return new TokenSecret(
        secret.namespace(),
        secret.name(),
        secret.type(),
        Long.toString(versions.incrementAndGet()),
        secret.data(),
        secret.annotations(),
        secret.labels());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
