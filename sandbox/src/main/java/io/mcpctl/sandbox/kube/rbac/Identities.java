package io.mcpctl.sandbox.kube.rbac;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens the embedded API accepts and who each one is: the administrator's, made at
 * start, and one per ServiceAccount asked for (as a token request would mint). Tokens are random
 * and live only as long as the server.
 */
public final class Identities {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Caller> byToken = new ConcurrentHashMap<>();
  private final String adminToken;

  public Identities() {
    this.adminToken = register(Caller.admin());
  }

  public String adminToken() {
    return adminToken;
  }

  /** A token that authenticates as {@code system:serviceaccount:NAMESPACE:NAME}. */
  public String serviceAccountToken(String namespace, String name) {
    return register(Caller.serviceAccount(namespace, name));
  }

  /** Who an {@code Authorization} header names; empty for none, another scheme or a bad token. */
  public Optional<Caller> authenticate(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
      return Optional.empty();
    }
    return Optional.ofNullable(byToken.get(authorizationHeader.substring("Bearer ".length())));
  }

  private String register(Caller caller) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byToken.put(token, caller);
    return token;
  }
}
