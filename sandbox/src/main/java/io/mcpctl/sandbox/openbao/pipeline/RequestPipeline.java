package io.mcpctl.sandbox.openbao.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.TokenSnapshot;
import io.mcpctl.sandbox.openbao.acl.Acl;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.ApiReply;
import io.mcpctl.sandbox.openbao.logical.ApiRequest;
import io.mcpctl.sandbox.openbao.logical.Envelope;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import io.mcpctl.sandbox.openbao.logical.Operation;
import io.mcpctl.sandbox.openbao.token.LeaseLimits;
import io.mcpctl.sandbox.openbao.token.TokenEntry;
import io.mcpctl.sandbox.openbao.token.TokenStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One OpenBao server's state and the order in which it answers a request, which decides which error
 * wins: namespace restrictions, then seal (503 before any token check), namespace resolution, token
 * (403 {@code permission denied}), use count, existence check and ACL (403 wrapped), routing,
 * handler. All state changes happen under this object's lock.
 */
public final class RequestPipeline {
  private static final Set<String> ROOT_ONLY_EXACT =
      Set.of(
          "sys/health", "sys/init", "sys/seal", "sys/unseal", "sys/step-down", "sys/in-flight-req");
  private static final List<String> ROOT_ONLY_PREFIXES =
      List.of(
          "sys/generate-root", "sys/rekey", "sys/storage", "sys/metrics", "sys/pprof", "sys/raw");
  private static final Set<String> COPY_DATA_EXACT =
      Set.of(
          "sys/audit",
          "sys/auth",
          "sys/config/cors",
          "sys/config/auditing/request-headers",
          "sys/capabilities",
          "sys/capabilities-accessor",
          "sys/capabilities-self",
          "sys/key-status",
          "sys/mounts",
          "sys/policy",
          "sys/rekey/backup",
          "sys/rekey/recovery-key-backup",
          "sys/remount",
          "sys/rotate",
          "sys/wrapping/wrap");
  private static final List<String> COPY_DATA_PREFIXES =
      List.of(
          "sys/audit/",
          "sys/audit-hash/",
          "sys/auth/",
          "sys/config/auditing/request-headers/",
          "sys/mounts/",
          "sys/policy/");
  private static final List<String> ROOT_NAMESPACE_ONLY =
      List.of(
          "audit-hash",
          "audit",
          "config/auditing",
          "config/cors",
          "config/reload",
          "config/state",
          "config/ui",
          "generate-recovery-token",
          "generate-root",
          "health",
          "host-info",
          "in-flight-req",
          "init",
          "internal/counters/activity",
          "internal/counters/config",
          "internal/inspect/router",
          "loggers",
          "metrics",
          "mfa/method",
          "monitor",
          "pprof",
          "quotas/config",
          "quotas/lease-count",
          "quotas/rate-limit",
          "raw",
          "rekey-recovery-key",
          "rekey",
          "replication",
          "seal",
          "sealwrap/rewrap",
          "step-down",
          "storage",
          "sync/config",
          "unseal");
  private static final String UI_MOUNTS = "sys/internal/ui/mounts";
  private static final Set<String> SELF_PATHS =
      Set.of("auth/token/lookup-self", "auth/token/renew-self", "auth/token/revoke-self");

  private final Clock clock;
  private final SealState seal = new SealState();
  private final HealthEndpoints health = new HealthEndpoints(seal);
  private final SealEndpoints sealEndpoints = new SealEndpoints(seal, health);
  private final TokenStore tokens = new TokenStore();
  private final RateLimitQuotas rateLimits = new RateLimitQuotas();
  private final QuotasEndpoint quotasEndpoint = new QuotasEndpoint(rateLimits);
  private final Namespaces namespaces;
  private final String rootTokenId;
  private ClusterNodes cluster = ClusterNodes.single();

  /**
   * A fresh, initialised, unsealed server; {@code kvV2Mount} (e.g. {@code secret}) may be null.
   * Namespaces are made through {@code sys/namespaces}, as on OpenBao.
   */
  public RequestPipeline(Clock clock, String kvV2Mount) {
    this(clock, kvV2Mount, LeaseLimits.ServerTtls.DEFAULTS);
  }

  /** As {@link #RequestPipeline(Clock, String)}, with the server's configured lease TTLs. */
  public RequestPipeline(Clock clock, String kvV2Mount, LeaseLimits.ServerTtls serverTtls) {
    this.clock = clock;
    Instant now = clock.instant();
    this.namespaces = new Namespaces(tokens, clock, serverTtls);
    this.rootTokenId = tokens.createRootToken(now);
    if (kvV2Mount != null) {
      namespaces
          .root()
          .mounts
          .enable(
              kvV2Mount,
              "kv",
              "key/value secret storage",
              Map.of("version", "2"),
              false,
              false,
              0,
              0,
              Instant.EPOCH);
    }
  }

  public String rootTokenId() {
    return rootTokenId;
  }

  public String unsealKey() {
    return seal.unsealKey;
  }

  /** Creates the namespace {@code path} and any missing level above it. */
  public synchronized void createNamespace(String path) {
    String parent = "";
    for (String name : Namespaces.canonical(path).split("/")) {
      if (name.isEmpty()) {
        continue;
      }
      if (namespaces.child(parent, name).isEmpty()) {
        namespaces.put(parent, name, Map.of());
      }
      parent = parent + name + "/";
    }
  }

  /**
   * Answers as {@code standbys} standby nodes and the active one behind one address, requests
   * spread over them in turn; a standby serves reads from state {@code replicationLag} behind.
   */
  public synchronized void cluster(int standbys, Duration replicationLag) {
    cluster = new ClusterNodes(standbys, replicationLag);
  }

  public void seal() {
    seal.seal();
  }

  public void unseal() {
    seal.unseal();
  }

  public void setStandby(boolean standby) {
    seal.setStandby(standby);
  }

  public void setInitialized(boolean initialized) {
    seal.setInitialized(initialized);
  }

  public boolean sealed() {
    return seal.sealed();
  }

  /** A live token by accessor, after expiring what is due. */
  public synchronized Optional<TokenSnapshot> token(String accessor) {
    tokens.expire(clock.instant());
    return tokens.byAccessor(accessor).map(this::snapshot);
  }

  /**
   * Revokes the token with this accessor but leaves its accessor entry, as an interrupted
   * revocation does; false when no live token has it.
   */
  public synchronized boolean revokeLeavingAccessorEntry(String accessor) {
    tokens.expire(clock.instant());
    Optional<TokenEntry> entry = tokens.byAccessor(accessor);
    entry.ifPresent(tokens::revokeLeavingAccessorEntry);
    return entry.isPresent();
  }

  public synchronized List<TokenSnapshot> liveTokens() {
    tokens.expire(clock.instant());
    return tokens.all().stream().map(this::snapshot).toList();
  }

  private TokenSnapshot snapshot(TokenEntry entry) {
    return new TokenSnapshot(
        entry.accessor(),
        entry.policies(),
        tokens.parentOf(entry).map(TokenEntry::accessor),
        Optional.ofNullable(entry.role()),
        entry.path(),
        Optional.ofNullable(entry.expireTime()),
        entry.renewable(),
        entry.numUses());
  }

  /** The server's rate-limit quotas and whether its 429s say when to retry. */
  public RateLimitQuotas rateLimits() {
    return rateLimits;
  }

  /** Answers one API request (the path after {@code /v1/}). */
  public synchronized ApiReply handle(ApiRequest request) {
    RateLimitQuotas.Decision quota =
        rateLimits.take(
            Namespaces.canonical(request.namespace()) + request.path(), clock.instant());
    if (!quota.allowed()) {
      return quota.onto(
          ApiReply.errors(
              429, List.of("request path \"" + request.path() + "\": rate limit quota exceeded")));
    }
    ApiReply reply = quota.onto(dispatch(request, cluster.next()));
    if (request.namespace() != null && !request.namespace().isEmpty()) {
      reply = reply.withHeader("X-Vault-Namespace", request.namespace());
    }
    return reply;
  }

  private ApiReply dispatch(ApiRequest request, ClusterNodes.Node node) {
    String namespace = request.namespace() == null ? "" : request.namespace().strip();
    String path = request.path();
    if (!namespace.isEmpty() && rootOnly(path)) {
      return ApiReply.error(ApiError.badRequest("operation unavailable in namespaces"));
    }
    switch (path) {
      case "sys/health":
        return health.health(request, clock.instant(), node.standby());
      case "sys/seal-status":
        return health.sealStatus(request);
      case "sys/seal":
        tokens.expire(clock.instant());
        return sealEndpoints.seal(request, this::aclOfToken);
      case "sys/unseal":
        return sealEndpoints.unseal(request);
      case "sys/init":
        return init(request);
      default:
        return logical(request, path, namespace, node);
    }
  }

  private ApiReply init(ApiRequest request) {
    if (!request.method().equals("GET")) {
      return ApiReply.error(
          ApiError.badRequest(
              "the stand-in is initialised through its Java or admin API, not sys/init"));
    }
    ObjectNode body = Json.object();
    body.put("initialized", seal.initialized());
    return ApiReply.json(200, body);
  }

  private ApiReply logical(
      ApiRequest request, String rawPath, String namespace, ClusterNodes.Node node) {
    Operation operation;
    switch (request.method()) {
      case "GET":
        if (request.hasQuery("list")) {
          Optional<Boolean> list = Fields.parseGoBool(String.valueOf(request.queryValue("list")));
          if (list.isEmpty()) {
            return ApiReply.errors(400, List.of());
          }
          operation = list.get() ? Operation.LIST : Operation.READ;
        } else {
          operation = Operation.READ;
        }
        break;
      case "LIST":
        operation = Operation.LIST;
        break;
      case "POST":
      case "PUT":
        operation = Operation.UPDATE;
        break;
      case "DELETE":
        operation = Operation.DELETE;
        break;
      case "PATCH":
        if (request.contentType() == null
            || !request.contentType().startsWith("application/merge-patch+json")) {
          return ApiReply.error(
              ApiError.plain(
                  415,
                  "PATCH requires Content-Type of application/merge-patch+json, provided "
                      + (request.contentType() == null ? "" : request.contentType())));
        }
        operation = Operation.PATCH;
        break;
      default:
        return ApiReply.errors(405, List.of());
    }
    String path = operation == Operation.LIST && !rawPath.endsWith("/") ? rawPath + "/" : rawPath;
    ObjectNode data;
    try {
      data = parameters(request, operation);
    } catch (IOException malformed) {
      return ApiReply.error(ApiError.badRequest("error parsing JSON"));
    }
    if (seal.sealed()) {
      return ApiReply.error(ApiError.plain(503, "Vault is sealed"));
    }
    Optional<Namespaces.Resolved> resolved = namespaces.resolve(namespace, path);
    if (resolved.isEmpty()) {
      return ApiReply.error(ApiError.plain(404, "namespace not found"));
    }
    Namespace target = resolved.get().namespace();
    path = resolved.get().path();
    if (!target.isRoot() && onlyInRootNamespace(path)) {
      return ApiReply.error(ApiError.badRequest("operation only available in root namespace"));
    }
    if (path.endsWith("/") && (operation == Operation.UPDATE || operation == Operation.PATCH)) {
      // A write to "foo/" could mean a key named "foo/" or a forgotten key under it; OpenBao
      // refuses it before looking at the token (vault/request_handling.go,
      // handleCancelableRequest).
      return ApiReply.error(ApiError.badRequest("cannot write to a path ending in '/'"));
    }
    Instant now = clock.instant();
    tokens.expire(now);
    if (path.equals(UI_MOUNTS) || path.startsWith(UI_MOUNTS + "/")) {
      return uiMounts(request, target, operation, path, data, now);
    }
    Optional<TokenEntry> caller =
        request.hasToken() ? tokens.lookup(request.token()) : Optional.empty();
    if (caller.isEmpty()) {
      return ApiReply.error(ApiError.permissionDenied());
    }
    TokenEntry token = caller.get();
    if (SELF_PATHS.contains(path)) {
      // The -self paths mean nothing outside the token's namespace, so OpenBao sends them there
      // whatever namespace the request named (vault/request_handling.go).
      target = namespaces.byId(token.namespaceId()).orElse(target);
    }
    tokens.use(token);
    try {
      // A standby runs every request on its own state and forwards it to the active node only
      // when it comes to write (http/logical.go handleLogicalInternal, sdk/logical ShouldForward):
      // what a handler checks before writing is checked against the standby's state, what it
      // writes is written to the active one.
      return authorizedRequest(operation, path, data, token, target, now, node.replicationLag());
    } catch (ApiError error) {
      return ApiReply.error(error);
    } finally {
      tokens.finishRequest(token);
    }
  }

  private ApiReply authorizedRequest(
      Operation requested,
      String path,
      ObjectNode data,
      TokenEntry token,
      Namespace target,
      Instant now,
      Duration staleBy) {
    Acl acl = aclIn(token, target, now);
    Namespace.Route route =
        target.isRoot() && path.startsWith("sys/") && QuotasEndpoint.serves(path.substring(4))
            ? new Namespace.Route(quotasEndpoint, path.substring(4))
            : target.route(path).orElse(null);
    if (route != null && route.since().isAfter(now.minus(staleBy))) {
      // A mount the standby's mount table does not hold yet: its router finds no route
      // (vault/routing/router.go routeCommon), an answer it does not forward.
      route = null;
    }
    LogicalRequest request =
        new LogicalRequest(
            requested,
            path,
            route == null ? "" : route.relativePath(),
            data,
            token,
            acl,
            now,
            clock.getZone(),
            staleBy);
    if (requested == Operation.UPDATE && route != null) {
      Optional<Boolean> exists = route.backend().exists(request);
      if (exists.isPresent() && !exists.get()) {
        request = request.withOperation(Operation.CREATE);
      }
    }
    boolean sudo = route != null && route.backend().requiresSudo(route.relativePath());
    if (!acl.allows(request.operation(), path, data, sudo)) {
      throw ApiError.aclDenied();
    }
    if (route == null) {
      throw ApiError.plain(404, "no handler for route \"" + path + "\". route entry not found.");
    }
    return reply(route.backend().handle(request), path);
  }

  private ApiReply uiMounts(
      ApiRequest request,
      Namespace target,
      Operation operation,
      String path,
      ObjectNode data,
      Instant now) {
    Acl acl = null;
    if (request.hasToken()) {
      acl = tokens.lookup(request.token()).map(entry -> aclIn(entry, target, now)).orElse(null);
    }
    String mountPath =
        path.length() > UI_MOUNTS.length() ? path.substring(UI_MOUNTS.length() + 1) : "";
    LogicalRequest logical =
        new LogicalRequest(operation, path, mountPath, data, null, acl, now, clock.getZone());
    try {
      return reply(target.uiMounts.handle(logical, mountPath, acl), path);
    } catch (ApiError error) {
      return ApiReply.error(error);
    }
  }

  private Optional<Acl> aclOfToken(String tokenId) {
    return tokens.lookup(tokenId).map(entry -> aclIn(entry, namespaces.root(), clock.instant()));
  }

  /**
   * The ACL of {@code token} for a request in {@code target}: its policies live in its own
   * namespace and name the paths of namespaces below it with their relative path first, so a token
   * acting outside its namespace and the ones below gets nothing (403).
   */
  private Acl aclIn(TokenEntry token, Namespace target, Instant now) {
    Optional<Namespace> home = namespaces.byId(token.namespaceId());
    if (home.isEmpty() || !target.isWithin(home.get())) {
      return Acl.of(List.of(), now);
    }
    return home.get().policies.aclFor(token.policies(), now).within(target.relativeTo(home.get()));
  }

  private static ApiReply reply(LogicalResponse response, String path) {
    if (!response.hasBody()) {
      return ApiReply.noBody(response.status());
    }
    return ApiReply.json(response.status(), Envelope.success(response, copiesDataToTop(path)));
  }

  /** GET parameters come from the query string; everything else from a JSON object body. */
  private static ObjectNode parameters(ApiRequest request, Operation operation) throws IOException {
    ObjectNode data = Json.object();
    if (operation == Operation.READ || operation == Operation.LIST) {
      request
          .query()
          .forEach(
              (name, values) -> {
                if (!name.equals("list") && !values.isEmpty()) {
                  data.put(name, values.get(0));
                }
              });
    }
    if (request.body().length > 0) {
      JsonNode body = Json.MAPPER.readTree(request.body());
      if (body != null && !body.isNull() && !body.isMissingNode()) {
        if (!body.isObject()) {
          throw new IOException("not an object");
        }
        data.setAll((ObjectNode) body);
      }
    }
    return data;
  }

  /**
   * The {@code sys/} paths OpenBao serves in the root namespace only, whichever way the request
   * reached another one (vault/request_handling.go, restrictedSysAPIs).
   */
  private static boolean onlyInRootNamespace(String path) {
    return ROOT_NAMESPACE_ONLY.stream()
        .anyMatch(api -> path.equals("sys/" + api) || path.startsWith("sys/" + api + "/"));
  }

  private static boolean rootOnly(String path) {
    return ROOT_ONLY_EXACT.contains(path) || ROOT_ONLY_PREFIXES.stream().anyMatch(path::startsWith);
  }

  private static boolean copiesDataToTop(String path) {
    return COPY_DATA_EXACT.contains(path) || COPY_DATA_PREFIXES.stream().anyMatch(path::startsWith);
  }
}
