package io.mcpctl.sandbox.openbao.pipeline;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.sys.NamespaceDirectory;
import io.mcpctl.sandbox.openbao.token.Base62;
import io.mcpctl.sandbox.openbao.token.LeaseLimits;
import io.mcpctl.sandbox.openbao.token.TokenEntry;
import io.mcpctl.sandbox.openbao.token.TokenStore;
import io.mcpctl.sandbox.openbao.token.TokenType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The server's namespaces, root included, and how a request finds its own: the {@code
 * X-Vault-Namespace} header and the path are joined and the longest namespace path they start with
 * wins, provided it covers the whole header (openbao {@code vault/namespace_store.go}, {@code
 * ResolveNamespaceFromRequest}, v2.6.2).
 */
final class Namespaces implements NamespaceDirectory {

  /** The namespace a request is for and its path inside that namespace. */
  record Resolved(Namespace namespace, String path) {}

  /** OpenBao's namespace ids are six base62 characters. */
  private static final int ID_LENGTH = 6;

  private final TokenStore tokens;
  private final Clock clock;
  private final LeaseLimits.ServerTtls serverTtls;
  private final Map<String, Namespace> byPath = new TreeMap<>();
  private final Map<String, Namespace> byId = new TreeMap<>();

  Namespaces(TokenStore tokens, Clock clock, LeaseLimits.ServerTtls serverTtls) {
    this.tokens = tokens;
    this.clock = clock;
    this.serverTtls = serverTtls;
    add(
        new Namespace(
            TokenEntry.ROOT_NAMESPACE_ID,
            "00000000-0000-0000-0000-000000000000",
            "",
            tokens,
            this,
            serverTtls,
            clock.instant()));
  }

  Namespace root() {
    return byPath.get("");
  }

  Optional<Namespace> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The request's namespace, or empty when the header names none (404 namespace not found). */
  Optional<Resolved> resolve(String header, String requestPath) {
    String canonicalHeader = canonical(header);
    if (canonicalHeader.equals("root/")) {
      canonicalHeader = "";
    }
    String joined = canonicalHeader + requestPath;
    Namespace longest = root();
    for (Namespace candidate : byPath.values()) {
      if (!candidate.isRoot()
          && joined.startsWith(candidate.path)
          && candidate.path.length() > longest.path.length()) {
        longest = candidate;
      }
    }
    if (!longest.path.startsWith(canonicalHeader)) {
      return Optional.empty();
    }
    return Optional.of(new Resolved(longest, joined.substring(longest.path.length())));
  }

  @Override
  public List<Entry> children(String parentPath) {
    List<Entry> children = new ArrayList<>();
    for (Namespace candidate : byPath.values()) {
      if (isChild(candidate.path, parentPath)) {
        children.add(candidate.entry());
      }
    }
    return children;
  }

  @Override
  public Optional<Entry> child(String parentPath, String name) {
    return Optional.ofNullable(byPath.get(parentPath + name + "/")).map(Namespace::entry);
  }

  @Override
  public Entry put(String parentPath, String name, Map<String, String> customMetadata) {
    String path = parentPath + name + "/";
    Namespace namespace = byPath.get(path);
    if (namespace == null) {
      String id;
      do {
        id = Base62.random(ID_LENGTH);
      } while (byId.containsKey(id));
      namespace =
          new Namespace(
              id, UUID.randomUUID().toString(), path, tokens, this, serverTtls, clock.instant());
      add(namespace);
    }
    namespace.customMetadata.clear();
    namespace.customMetadata.putAll(customMetadata);
    return namespace.entry();
  }

  @Override
  public Optional<String> delete(String parentPath, String name) {
    Namespace namespace = byPath.get(parentPath + name + "/");
    if (namespace == null) {
      return Optional.empty();
    }
    if (byPath.keySet().stream().anyMatch(path -> isChild(path, namespace.path))) {
      // Coded 409 inside OpenBao; the error response around it makes it a 400 over HTTP.
      throw ApiError.badRequest("unable to delete namespace containing child namespaces");
    }
    // OpenBao answers "in-progress" and clears the namespace behind the answer, revoking its
    // tokens; the stand-in clears it at once.
    for (TokenEntry token : tokens.all()) {
      // A batch token has no accessor; any other token may already have gone with its parent.
      boolean live =
          token.type() == TokenType.BATCH || tokens.byAccessor(token.accessor()).isPresent();
      if (token.namespaceId().equals(namespace.id) && live) {
        tokens.revokeTree(token);
      }
    }
    byPath.remove(namespace.path);
    byId.remove(namespace.id);
    return Optional.of("in-progress");
  }

  private void add(Namespace namespace) {
    byPath.put(namespace.path, namespace);
    byId.put(namespace.id, namespace);
  }

  private static boolean isChild(String path, String parentPath) {
    if (path.equals(parentPath) || !path.startsWith(parentPath)) {
      return false;
    }
    String rest = path.substring(parentPath.length());
    return rest.indexOf('/') == rest.length() - 1;
  }

  /** OpenBao's {@code namespace.Canonicalize}: no leading slash, one trailing slash. */
  static String canonical(String header) {
    String path = header == null ? "" : header.strip();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.contains("//")) {
      path = path.replace("//", "/");
    }
    if (path.isEmpty() || path.equals(".")) {
      return "";
    }
    return path.endsWith("/") ? path : path + "/";
  }
}
