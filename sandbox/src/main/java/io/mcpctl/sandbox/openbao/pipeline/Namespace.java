package io.mcpctl.sandbox.openbao.pipeline;

import io.mcpctl.sandbox.openbao.acl.PolicyStore;
import io.mcpctl.sandbox.openbao.logical.Backend;
import io.mcpctl.sandbox.openbao.sys.MountEntry;
import io.mcpctl.sandbox.openbao.sys.MountTable;
import io.mcpctl.sandbox.openbao.sys.NamespaceDirectory;
import io.mcpctl.sandbox.openbao.sys.SystemBackend;
import io.mcpctl.sandbox.openbao.sys.UiMountsEndpoint;
import io.mcpctl.sandbox.openbao.token.LeaseLimits;
import io.mcpctl.sandbox.openbao.token.TokenBackend;
import io.mcpctl.sandbox.openbao.token.TokenStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One OpenBao namespace and what lives in it: its ACL policies, its mounts, its token roles and its
 * {@code sys/}. Tokens are kept in one store for the whole server, each marked with the id of the
 * namespace it belongs to.
 */
final class Namespace {

  /** A backend and the path below its mount. */
  /**
   * @param since when the mount appeared (the epoch for the built-in ones), which a standby routes
   *     to only once that has reached it
   */
  record Route(Backend backend, String relativePath, Instant since) {
    Route(Backend backend, String relativePath) {
      this(backend, relativePath, Instant.EPOCH);
    }
  }

  final String id;
  final String uuid;

  /** Canonical: {@code ""} for root, else ending in {@code /}, such as {@code team-a/dev/}. */
  final String path;

  final Map<String, String> customMetadata = new HashMap<>();
  final PolicyStore policies;
  final MountTable mounts = new MountTable();
  final TokenBackend tokenBackend;
  final SystemBackend system;
  final UiMountsEndpoint uiMounts;

  Namespace(
      String id,
      String uuid,
      String path,
      TokenStore tokens,
      NamespaceDirectory directory,
      LeaseLimits.ServerTtls serverTtls,
      Instant now) {
    this.id = id;
    this.uuid = uuid;
    this.path = path;
    this.policies = new PolicyStore(now);
    this.tokenBackend = new TokenBackend(tokens, policies, id, path, serverTtls);
    this.system =
        new SystemBackend(
            mounts, policies, tokens, directory, path, tokenBackend.limits(), serverTtls);
    this.uiMounts = new UiMountsEndpoint(mounts);
  }

  boolean isRoot() {
    return path.isEmpty();
  }

  /** Whether this namespace is {@code ancestor} or lies below it. */
  boolean isWithin(Namespace ancestor) {
    return path.startsWith(ancestor.path);
  }

  /** This namespace's path as seen from {@code ancestor}, such as {@code dev/}. */
  String relativeTo(Namespace ancestor) {
    return path.substring(ancestor.path.length());
  }

  NamespaceDirectory.Entry entry() {
    return new NamespaceDirectory.Entry(id, uuid, path, Map.copyOf(customMetadata));
  }

  /** The backend that serves {@code path} in this namespace, if any. */
  Optional<Route> route(String path) {
    if (path.equals("auth/token") || path.startsWith("auth/token/")) {
      return Optional.of(
          new Route(
              tokenBackend,
              path.length() <= "auth/token/".length()
                  ? ""
                  : path.substring("auth/token/".length())));
    }
    if (path.startsWith("sys/")) {
      return Optional.of(new Route(system, path.substring("sys/".length())));
    }
    Optional<MountEntry> mount = mounts.find(path);
    if (mount.isEmpty() || path.startsWith("auth/")) {
      return Optional.empty();
    }
    String mountPath = mount.get().path();
    return Optional.of(
        new Route(
            mount.get().backend(),
            path.length() <= mountPath.length() ? "" : path.substring(mountPath.length()),
            mount.get().enabledAt()));
  }
}
