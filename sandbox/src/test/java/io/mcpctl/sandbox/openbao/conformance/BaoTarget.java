package io.mcpctl.sandbox.openbao.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.sandbox.openbao.MutableClock;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Assumptions;

/**
 * "An OpenBao" for one conformance test: the stand-in, or a real server when {@code BAO_ADDR} and
 * {@code BAO_TOKEN} are set. Everything a test creates gets a unique name and is removed after it,
 * so the suite can run against a shared real server.
 */
public final class BaoTarget {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OpenBaoConnection connection;
  private final VaultToken adminToken;
  private final OpenBaoStandIn standIn;
  private final MutableClock clock;
  private final SSLContext cleanupTls;
  private final Deque<Runnable> cleanups = new ArrayDeque<>();
  private final OpenBaoClient client;

  BaoTarget(
      OpenBaoConnection connection,
      VaultToken adminToken,
      OpenBaoStandIn standIn,
      MutableClock clock,
      SSLContext cleanupTls) {
    this.connection = connection;
    this.adminToken = adminToken;
    this.standIn = standIn;
    this.clock = clock;
    this.cleanupTls = cleanupTls;
    this.client = OpenBaoClient.connect(connection);
  }

  public OpenBaoConnection connection() {
    return connection;
  }

  /** A client with the admin (root) token. */
  public OpenBaoClient admin() {
    return client.withToken(adminToken);
  }

  /** A client for the same server with another token. */
  public OpenBaoClient as(VaultToken token) {
    return client.withToken(token);
  }

  public OpenBaoClient anonymous() {
    return client.withoutToken();
  }

  /** The stand-in itself; only for tests marked {@link StandInOnly}. */
  public OpenBaoStandIn standIn() {
    return Optional.ofNullable(standIn)
        .orElseThrow(() -> new IllegalStateException("Mark this test @StandInOnly."));
  }

  public MutableClock clock() {
    return Optional.ofNullable(clock)
        .orElseThrow(() -> new IllegalStateException("Mark this test @StandInOnly."));
  }

  /** A name no other run uses, e.g. {@code conf-role-k3j9x2}. */
  public String unique(String prefix) {
    StringBuilder suffix = new StringBuilder();
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 8; i++) {
      suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return (prefix + "-" + suffix).toLowerCase(Locale.ROOT);
  }

  /** A client with the admin (root) token that acts in the namespace {@code namespace}. */
  public OpenBaoClient adminIn(String namespace) {
    return OpenBaoClient.connect(connection.withNamespace(namespace)).withToken(adminToken);
  }

  /** A client with {@code token} that acts in the namespace {@code namespace}. */
  public OpenBaoClient in(String namespace, VaultToken token) {
    return OpenBaoClient.connect(connection.withNamespace(namespace)).withToken(token);
  }

  /**
   * Creates a fresh namespace under {@code parent} ({@code ""} for root) and returns its path, such
   * as {@code conf-ns-k3j9x2}; deleted after the test (after anything made inside it). Skips the
   * test against a server without namespaces (OpenBao before 2.3, Vault without Enterprise).
   */
  public String freshNamespace(String parent) {
    String name = unique("conf-ns");
    int created = sendWithAdmin("POST", "sys/namespaces/" + name, "{}", parent);
    Assumptions.assumeTrue(
        created == 200,
        "the server has no namespaces (sys/namespaces answered "
            + created
            + "): OpenBao before 2.3, or Vault without Enterprise");
    afterTest(() -> sendWithAdmin("DELETE", "sys/namespaces/" + name, null, parent));
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  /** Enables a fresh KV v2 mount, removed after the test. */
  public String freshKvV2Mount() {
    String mount = unique("conf-kv");
    admin().enableKvV2(mount, "conformance test mount");
    afterTest(() -> deleteWithAdmin("sys/mounts/" + mount));
    return mount;
  }

  /** Writes a policy, removed after the test. */
  public String policy(String name, String hcl) {
    admin().writePolicy(name, hcl);
    afterTest(() -> admin().deletePolicy(name));
    return name;
  }

  /** Mints a token with the admin token and revokes it (and its children) after the test. */
  public IssuedToken token(TokenCreateRequest request) {
    IssuedToken issued = admin().createToken(request);
    afterTest(() -> admin().revokeAccessor(issued.accessor()));
    return issued;
  }

  /** A child of the admin token with these policies and a TTL. */
  public IssuedToken tokenWithPolicies(Duration ttl, String... policies) {
    return token(TokenCreateRequest.builder().policies(List.of(policies)).ttl(ttl).build());
  }

  /** Revokes a token minted by something other than {@link #token} after the test. */
  public void revokeAfterTest(IssuedToken issued) {
    afterTest(() -> admin().revokeAccessor(issued.accessor()));
  }

  public void deleteRoleAfterTest(String role) {
    afterTest(() -> admin().deleteTokenRole(role));
  }

  public void afterTest(Runnable cleanup) {
    cleanups.push(cleanup);
  }

  /** {@code DELETE /v1/<path>} with the admin token, for clean-ups the client does not offer. */
  public int deleteWithAdmin(String path) {
    return sendWithAdmin("DELETE", path, null);
  }

  /**
   * A raw call with the admin token, for set-ups the client does not offer (e.g. a kv v1 mount).
   */
  public int sendWithAdmin(String method, String path, String json) {
    return sendWithAdmin(method, path, json, "");
  }

  /** As {@link #sendWithAdmin(String, String, String)}, in the namespace {@code namespace}. */
  public int sendWithAdmin(String method, String path, String json, String namespace) {
    return send(adminToken, method, path, json, namespace);
  }

  /** {@code GET /v1/<path>} with the admin token: the answer's body (empty on no body). */
  public JsonNode readWithAdmin(String path) {
    return readWithAdmin(path, "");
  }

  /** As {@link #readWithAdmin(String)}, in the namespace {@code namespace}. */
  public JsonNode readWithAdmin(String path, String namespace) {
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (cleanupTls != null) {
      http.sslContext(cleanupTls);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(connection.address() + "/v1/" + path))
            .header("X-Vault-Token", adminToken.reveal());
    if (!namespace.isEmpty()) {
      request.header("X-Vault-Namespace", namespace);
    }
    try {
      String body =
          http.build().send(request.GET().build(), HttpResponse.BodyHandlers.ofString()).body();
      return body.isBlank() ? MissingNode.getInstance() : new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A raw call with {@code token} in {@code namespace} ({@code ""} for root); its status. */
  public int send(VaultToken token, String method, String path, String json, String namespace) {
    return exchange(token, method, path, json, namespace).statusCode();
  }

  /** A raw call with the admin token in the root namespace: the whole answer, headers included. */
  public HttpResponse<String> exchangeWithAdmin(String method, String path, String json) {
    return exchangeWithAdmin(method, path, json, null);
  }

  /** As above, sending {@code contentType} (a PATCH needs application/merge-patch+json). */
  public HttpResponse<String> exchangeWithAdmin(
      String method, String path, String json, String contentType) {
    return exchange(adminToken, method, path, json, "", contentType);
  }

  /** A raw call with {@code token} in the root namespace: the whole answer, headers included. */
  public HttpResponse<String> exchangeAs(
      VaultToken token, String method, String path, String json) {
    return exchange(token, method, path, json, "");
  }

  /** As {@link #exchangeAs}, in the namespace {@code namespace}. */
  public HttpResponse<String> exchangeAs(
      VaultToken token, String method, String path, String json, String namespace) {
    return exchange(token, method, path, json, namespace);
  }

  /** The admin (root) token, for raw calls made with {@link #exchangeAs}. */
  public VaultToken adminToken() {
    return adminToken;
  }

  private HttpResponse<String> exchange(
      VaultToken token, String method, String path, String json, String namespace) {
    return exchange(token, method, path, json, namespace, null);
  }

  private HttpResponse<String> exchange(
      VaultToken token,
      String method,
      String path,
      String json,
      String namespace,
      String contentType) {
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (cleanupTls != null) {
      http.sslContext(cleanupTls);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(connection.address() + "/v1/" + path))
            .header("X-Vault-Token", token.reveal());
    if (!namespace.isEmpty()) {
      builder.header("X-Vault-Namespace", namespace);
    }
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    HttpRequest request =
        builder
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      return http.build().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void cleanUp() {
    while (!cleanups.isEmpty()) {
      try {
        cleanups.pop().run();
      } catch (RuntimeException alreadyGone) {
        // Clean-up is best effort: a test may already have removed what it created.
      }
    }
    if (standIn != null) {
      standIn.close();
    }
  }
}
