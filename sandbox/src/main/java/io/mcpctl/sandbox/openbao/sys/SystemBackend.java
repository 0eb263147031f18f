package io.mcpctl.sandbox.openbao.sys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.acl.PolicyStore;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Backend;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import io.mcpctl.sandbox.openbao.logical.Operation;
import io.mcpctl.sandbox.openbao.token.LeaseLimits;
import io.mcpctl.sandbox.openbao.token.TokenEntry;
import io.mcpctl.sandbox.openbao.token.TokenStore;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logical {@code sys/} paths the project uses: mounts, ACL policies, capabilities, the token
 * auth mount listing and revoke-prefix. Other {@code sys/} paths answer {@code unsupported path}.
 */
public final class SystemBackend implements Backend {
  private static final Pattern TUNE = Pattern.compile("mounts/(.+?)/tune");
  private static final Pattern AUTH_TUNE = Pattern.compile("auth/(.+?)/tune");
  private static final Pattern MOUNT = Pattern.compile("mounts/(.+)");
  private static final Pattern POLICY = Pattern.compile("policies/acl/(.+)");
  private static final Pattern LEGACY_POLICY = Pattern.compile("policy/(.+)");
  private static final Pattern REVOKE_PREFIX = Pattern.compile("leases/revoke-prefix/(.+)");

  /** Root-protected sys paths ({@code PathsSpecial.Root}); a trailing slash means "and below". */
  private static final List<String> SUDO_PATHS =
      List.of(
          "auth/",
          "audit",
          "audit/",
          "raw",
          "raw/",
          "rotate",
          "remount",
          "config/cors",
          "config/auditing/",
          "config/ui/headers/",
          "plugins/catalog/",
          "revoke-prefix/",
          "revoke-force/",
          "leases/revoke-prefix/",
          "leases/revoke-force/",
          "leases/lookup/");

  private static final Pattern NAMESPACE = Pattern.compile("namespaces/(.+)");

  private final MountsEndpoint mounts;
  private final PoliciesEndpoint policies;
  private final CapabilitiesEndpoint capabilities;
  private final NamespacesEndpoint namespaces;
  private final TokenStore tokens;

  /** The {@code sys/} of the namespace {@code namespacePath} ({@code ""} for root). */
  public SystemBackend(
      MountTable mountTable,
      PolicyStore policyStore,
      TokenStore tokens,
      NamespaceDirectory directory,
      String namespacePath,
      LeaseLimits tokenMountLimits,
      LeaseLimits.ServerTtls serverTtls) {
    this.mounts = new MountsEndpoint(mountTable, tokenMountLimits, serverTtls);
    this.policies = new PoliciesEndpoint(policyStore);
    this.capabilities = new CapabilitiesEndpoint(tokens, policyStore);
    this.namespaces = new NamespacesEndpoint(directory, namespacePath);
    this.tokens = tokens;
  }

  @Override
  public boolean requiresSudo(String relativePath) {
    for (String sudoPath : SUDO_PATHS) {
      if (sudoPath.endsWith("/")
          ? relativePath.startsWith(sudoPath)
          : relativePath.equals(sudoPath)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public LogicalResponse handle(LogicalRequest request) {
    String path = request.relativePath();
    Matcher matcher;
    if (path.equals("mounts")) {
      return mounts.table(request);
    }
    if ((matcher = TUNE.matcher(path)).matches()) {
      return mounts.tune(request, matcher.group(1));
    }
    if ((matcher = AUTH_TUNE.matcher(path)).matches()) {
      return mounts.tune(request, "auth/" + matcher.group(1));
    }
    if ((matcher = MOUNT.matcher(path)).matches()) {
      return mounts.mount(request, matcher.group(1));
    }
    if (path.equals("policies/acl") || path.equals("policies/acl/")) {
      return policies.list(request);
    }
    if ((matcher = POLICY.matcher(path)).matches()) {
      return policies.policy(request, matcher.group(1));
    }
    if (path.equals("policy") || path.equals("policy/")) {
      return policies.legacyList(request, "");
    }
    if ((matcher = LEGACY_POLICY.matcher(path)).matches()) {
      return policies.legacyPolicy(request, matcher.group(1));
    }
    if (path.equals("capabilities-self")) {
      return capabilities.self(request);
    }
    if (path.equals("capabilities")) {
      return capabilities.forToken(request);
    }
    if (path.equals("auth")) {
      return authTable(request);
    }
    if (path.equals("namespaces") || path.equals("namespaces/")) {
      return namespaces.list(request);
    }
    if ((matcher = NAMESPACE.matcher(path)).matches()) {
      return namespaces.namespace(request, matcher.group(1));
    }
    if ((matcher = REVOKE_PREFIX.matcher(path)).matches()) {
      return revokePrefix(request, matcher.group(1));
    }
    throw ApiError.unsupportedPath();
  }

  private static LogicalResponse authTable(LogicalRequest request) {
    if (request.operation() != Operation.READ) {
      throw ApiError.unsupportedOperation();
    }
    ObjectNode token = Json.object();
    token.put("type", "token");
    token.put("description", "token based credentials");
    token.put("accessor", "auth_token_00000000");
    token.put("local", false);
    token.put("seal_wrap", false);
    token.put("external_entropy_access", false);
    token.putNull("options");
    ObjectNode config = Json.object();
    config.put("default_lease_ttl", 0);
    config.put("max_lease_ttl", 0);
    config.put("force_no_cache", false);
    config.put("token_type", "default-service");
    token.set("config", config);
    ObjectNode data = Json.object();
    data.set("token/", token);
    return LogicalResponse.data(data);
  }

  /** Revokes every token created under the prefix, e.g. one generation of a role's tokens. */
  private LogicalResponse revokePrefix(LogicalRequest request, String prefix) {
    if (request.operation() != Operation.UPDATE && request.operation() != Operation.CREATE) {
      throw ApiError.unsupportedOperation();
    }
    for (TokenEntry entry : tokens.all()) {
      if (entry.path().startsWith(prefix) && tokens.byAccessor(entry.accessor()).isPresent()) {
        tokens.revokeTree(entry);
      }
    }
    return LogicalResponse.noContent();
  }
}
