package io.mcpctl.sandbox.openbao.token;

import io.mcpctl.sandbox.openbao.acl.PolicyStore;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Backend;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import io.mcpctl.sandbox.openbao.logical.Operation;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The token auth method mounted at {@code auth/token/}. */
public final class TokenBackend implements Backend {
  private static final String NAME = "\\w(?:(?:[\\w-.]+)?\\w)?";
  private static final Pattern ROLE_PATH = Pattern.compile("roles/(" + NAME + ")");
  private static final Pattern CREATE_WITH_ROLE = Pattern.compile("create/(" + NAME + ")");

  private final TokenStore tokens;
  private final RoleStore roles = new RoleStore();
  private final TokenCreator creator;
  private final TokenRenewer renewer;
  private final LeaseLimits limits;

  private final String namespaceId;

  /**
   * The token auth method of the namespace {@code namespaceId} ({@code root} for the root) at
   * {@code namespacePath} ({@code ""} for the root).
   */
  public TokenBackend(
      TokenStore tokens,
      PolicyStore policies,
      String namespaceId,
      String namespacePath,
      LeaseLimits.ServerTtls serverTtls) {
    this.tokens = tokens;
    this.namespaceId = namespaceId;
    this.limits = new LeaseLimits(serverTtls);
    this.creator = new TokenCreator(tokens, policies, namespaceId, namespacePath, limits);
    this.renewer = new TokenRenewer(roles, limits);
  }

  /** This mount's lease limits, which {@code sys/mounts/auth/token/tune} reads and changes. */
  public LeaseLimits limits() {
    return limits;
  }

  @Override
  public Optional<Boolean> exists(LogicalRequest request) {
    Matcher role = ROLE_PATH.matcher(request.relativePath());
    if (role.matches()) {
      return Optional.of(roles.get(role.group(1)).isPresent());
    }
    return Optional.empty();
  }

  @Override
  public boolean requiresSudo(String relativePath) {
    return relativePath.startsWith("accessors") || relativePath.startsWith("revoke-orphan/");
  }

  @Override
  public LogicalResponse handle(LogicalRequest request) {
    String path = request.relativePath();
    Operation operation = request.operation();
    Matcher role = ROLE_PATH.matcher(path);
    if (role.matches()) {
      return role(request, role.group(1));
    }
    Matcher createWithRole = CREATE_WITH_ROLE.matcher(path);
    if (createWithRole.matches()) {
      requireUpdate(operation);
      // Looked up where the request arrived: a standby that has not received the role yet
      // refuses before it would write (handleCreateAgainstRole).
      TokenRole found =
          roles
              .get(createWithRole.group(1), request::sees)
              .orElseThrow(() -> ApiError.badRequest("unknown role " + createWithRole.group(1)));
      return creator.create(request, found, false);
    }
    switch (path) {
      case "roles", "roles/":
        requireOperation(operation, Operation.LIST);
        return LogicalResponse.list(roles.names());
      case "accessors", "accessors/":
        requireOperation(operation, Operation.LIST);
        // The accessor entries as stored, those whose token is gone included
        // (tokenStoreAccessorList checks no token).
        return LogicalResponse.list(
            Stream.concat(
                    tokens.all().stream()
                        .filter(entry -> entry.namespaceId().equals(namespaceId) && !entry.batch())
                        .map(TokenEntry::accessor),
                    tokens.leakedAccessorsIn(namespaceId).stream())
                .sorted()
                .toList());
      case "create":
        requireUpdate(operation);
        return creator.create(request, null, false);
      case "create-orphan":
        requireUpdate(operation);
        return creator.create(request, null, true);
      case "lookup-self":
        requireReadOrUpdate(operation);
        return LogicalResponse.data(TokenViews.lookupData(request.token(), true, request));
      case "lookup":
        requireReadOrUpdate(operation);
        return lookup(request);
      case "lookup-accessor":
        requireUpdate(operation);
        return LogicalResponse.data(TokenViews.lookupData(byAccessor(request), false, request));
      case "renew-self":
        requireUpdate(operation);
        return renewer.renew(
            request.token(), increment(request.fields()), request.token().id, request.now());
      case "renew":
        requireUpdate(operation);
        return renewer.renew(
            byTokenParameter(request.fields(), "token not found"),
            increment(request.fields()),
            tokenParameter(request.fields()),
            request.now());
      case "renew-accessor":
        requireUpdate(operation);
        return renewer.renew(byAccessor(request), increment(request.fields()), "", request.now());
      case "revoke-self":
        requireUpdate(operation);
        tokens.revokeTree(requireRevocable(request.token()));
        return LogicalResponse.noContent();
      case "revoke":
        requireUpdate(operation);
        tokens
            .lookup(requiredTokenParameter(request.fields()))
            .ifPresent(found -> tokens.revokeTree(requireRevocable(found)));
        return LogicalResponse.noContent();
      case "revoke-orphan":
        requireUpdate(operation);
        return revokeOrphan(request);
      case "revoke-accessor":
        requireUpdate(operation);
        return revokeAccessor(request);
      default:
        throw ApiError.unsupportedPath();
    }
  }

  private LogicalResponse role(LogicalRequest request, String name) {
    switch (request.operation()) {
      case READ:
        return roles
            .get(name, request::sees)
            .map(found -> LogicalResponse.data(found.toData()))
            .orElseThrow(() -> ApiError.empty(404));
      case CREATE:
      case UPDATE:
        TokenRole edited =
            roles.get(name).map(TokenRole::copy).orElseGet(() -> new TokenRole(name));
        LogicalResponse response = RoleWriter.write(edited, request.fields(), limits);
        roles.put(edited, request.now());
        return response;
      case DELETE:
        roles.delete(name);
        return LogicalResponse.noContent();
      default:
        throw ApiError.unsupportedOperation();
    }
  }

  private LogicalResponse lookup(LogicalRequest request) {
    String id = tokenParameter(request.fields());
    if (id.isEmpty()) {
      id = request.token().id;
    }
    TokenEntry found = tokens.lookup(id).orElseThrow(() -> ApiError.plain(403, "bad token"));
    return LogicalResponse.data(TokenViews.lookupData(found, true, request));
  }

  private LogicalResponse revokeOrphan(LogicalRequest request) {
    String id = requiredTokenParameter(request.fields());
    if (!request.acl().hasSudo(request.path())) {
      throw ApiError.badRequest("root or sudo privileges required to revoke and orphan");
    }
    TokenEntry found =
        tokens.lookup(id).orElseThrow(() -> ApiError.badRequest("token to revoke not found"));
    tokens.revokeOrphan(requireRevocable(found));
    return LogicalResponse.noContent();
  }

  /**
   * A batch token has no lease to revoke; it ends with its TTL or its parent (vault/token_store.go,
   * revokeCommon and handleRevokeOrphan).
   */
  private static TokenEntry requireRevocable(TokenEntry entry) {
    if (entry.batch()) {
      throw ApiError.badRequest("batch tokens cannot be revoked");
    }
    return entry;
  }

  private LogicalResponse revokeAccessor(LogicalRequest request) {
    String accessor = request.fields().string("accessor");
    if (accessor.isEmpty()) {
      throw ApiError.wrapped(400, "missing accessor");
    }
    requireThisNamespace(accessor);
    if (tokens.leaked(accessor)) {
      // handleUpdateRevokeAccessor: the entry is found, its token is not.
      throw ApiError.badRequest("token not found");
    }
    Optional<TokenEntry> found = seenByAccessor(request, accessor);
    if (found.isEmpty()) {
      return LogicalResponse.noContent().warning("No token found with this accessor");
    }
    tokens.revokeTree(found.get());
    return LogicalResponse.noContent();
  }

  private TokenEntry byAccessor(LogicalRequest request) {
    String accessor = request.fields().string("accessor");
    if (accessor.isEmpty()) {
      throw ApiError.wrapped(400, "missing accessor");
    }
    requireThisNamespace(accessor);
    if (tokens.leaked(accessor)) {
      // handleLookup finds no token behind the entry: "bad token" with ErrPermissionDenied,
      // of which the request handler keeps only the error.
      throw ApiError.aclDenied();
    }
    return seenByAccessor(request, accessor)
        .orElseThrow(() -> ApiError.wrapped(400, "invalid accessor"));
  }

  /**
   * The token of {@code accessor} as the node answering has it: a standby looks the accessor up in
   * its own state, and one issued since the changes that reached it finds no token there.
   */
  private Optional<TokenEntry> seenByAccessor(LogicalRequest request, String accessor) {
    return tokens.byAccessor(accessor).filter(entry -> request.sees(entry.creationTime));
  }

  /**
   * An accessor names its namespace after its last dot (none for root); a token of another
   * namespace is neither looked up, renewed nor revoked by accessor here (OpenBao 2.5.3,
   * GHSA-p49j-v9wc-wg57): the error is not coded, so it is a 500.
   */
  private void requireThisNamespace(String accessor) {
    int dot = accessor.lastIndexOf('.');
    String accessorNamespace = dot < 0 ? TokenEntry.ROOT_NAMESPACE_ID : accessor.substring(dot + 1);
    if (!accessorNamespace.equals(namespaceId)) {
      throw ApiError.wrapped(500, "cannot lookup token in different namespace");
    }
  }

  private TokenEntry byTokenParameter(Fields fields, String notFound) {
    return tokens
        .lookup(requiredTokenParameter(fields))
        .orElseThrow(() -> ApiError.badRequest(notFound));
  }

  /**
   * Renew, revoke and revoke-orphan all start by refusing an empty {@code token} (token_store.go).
   */
  private static String requiredTokenParameter(Fields fields) {
    String id = tokenParameter(fields);
    if (id.isEmpty()) {
      throw ApiError.badRequest("missing token ID");
    }
    return id;
  }

  private static String tokenParameter(Fields fields) {
    return fields.string("token");
  }

  private static Duration increment(Fields fields) {
    return fields.durationSeconds("increment").orElse(Duration.ZERO);
  }

  private static void requireUpdate(Operation operation) {
    requireOperation(operation, Operation.UPDATE);
  }

  private static void requireReadOrUpdate(Operation operation) {
    if (operation != Operation.READ && operation != Operation.UPDATE) {
      throw ApiError.unsupportedOperation();
    }
  }

  private static void requireOperation(Operation operation, Operation expected) {
    if (operation != expected) {
      throw ApiError.unsupportedOperation();
    }
  }
}
