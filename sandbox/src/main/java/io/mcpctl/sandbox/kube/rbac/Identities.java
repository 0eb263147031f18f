package io.mcpctl.sandbox.kube.rbac;

import io.mcpctl.sandbox.tls.ClientCertificateAuthority;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The bearer tokens the embedded API accepts and who each one is: the administrator's, made at
 * start, and one per ServiceAccount asked for (as a token request would mint). Tokens are random
 * and live only as long as the server.
 */
public final class Identities {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Caller> byToken = new ConcurrentHashMap<>();
  private final String adminToken;
  private final ClientCertificateAuthority clientCa;

  public Identities() {
    this.adminToken = register(Caller.admin());
    this.clientCa = ClientCertificateAuthority.generate(Instant.now());
  }

  /** The CA whose client certificates authenticate, as a cluster's {@code --client-ca-file}. */
  public String clientCaPem() {
    return clientCa.caCertificatePem();
  }

  /** A client certificate naming {@code user} (CN) in {@code groups} (O), as kubeadm issues. */
  public ClientCertificateAuthority.ClientCredentials clientCertificate(
      String user, List<String> groups) {
    return clientCa.issue(user, groups, Instant.now());
  }

  /**
   * Who a client certificate the TLS handshake verified against {@link #clientCaPem} names: the
   * common name is the user, each organization a group.
   */
  public static Optional<Caller> fromClientCertificate(X509Certificate certificate) {
    String user = null;
    List<String> groups = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          user = rdn.getValue().toString();
        } else if (rdn.getType().equalsIgnoreCase("O")) {
          groups.add(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException unreadable) {
      return Optional.empty();
    }
    if (user == null || user.isEmpty()) {
      return Optional.empty();
    }
    groups.add(Caller.AUTHENTICATED);
    return Optional.of(new Caller(user, groups));
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
