package io.mcpctl.openbao;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mcpctl.text.Sentences;
import io.mcpctl.text.ShellWord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A thin client for the OpenBao HTTP API, immutable per token: {@link #connect(OpenBaoConnection)}
 * gives a client without a token and {@link #withToken(VaultToken)} a new view that shares the
 * connection, so rotating a token never changes what another caller holds.
 *
 * <p>Every failure is an {@link OpenBaoException} subtype. Reads that change nothing are sent at
 * most twice when the connection is cut (for GET the JDK client makes that one retry itself);
 * nothing that writes or mints is ever retried. Reads of things that may be absent return {@link
 * Optional}. The namespace header is sent on every call except the root-only sys APIs ({@code
 * sys/health}, {@code sys/seal-status}, …).
 */
public final class OpenBaoClient {

  private final Transport transport;
  private final VaultToken token;

  private OpenBaoClient(Transport transport, VaultToken token) {
    this.transport = transport;
    this.token = token;
  }

  /**
   * A client for this connection, without a token.
   *
   * @throws IllegalArgumentException when the CA bundle holds no readable certificate
   */
  /** OpenBao's error for a request to a namespace it does not have (404). */
  static final String NAMESPACE_NOT_FOUND = "namespace not found";

  public static OpenBaoClient connect(OpenBaoConnection connection) {
    return connect(connection, RequestObserver.NONE);
  }

  /** As {@link #connect(OpenBaoConnection)}, telling {@code observer} about every exchange. */
  public static OpenBaoClient connect(OpenBaoConnection connection, RequestObserver observer) {
    return new OpenBaoClient(
        new Transport(
            Objects.requireNonNull(connection, "connection"),
            Objects.requireNonNull(observer, "observer")),
        null);
  }

  /** A view of this client that sends {@code token}; this client is unchanged. */
  public OpenBaoClient withToken(VaultToken token) {
    return new OpenBaoClient(transport, Objects.requireNonNull(token, "token"));
  }

  /** A view of this client that sends no token. */
  public OpenBaoClient withoutToken() {
    return new OpenBaoClient(transport, null);
  }

  public OpenBaoConnection connection() {
    return transport.connection();
  }

  public boolean hasToken() {
    return token != null;
  }

  /** The KV v2 engine mounted at {@code mount}, used with this client's token. */
  public KvV2 kv(String mount) {
    return new KvV2(this, OpenBaoPaths.requireMount(mount));
  }

  @Override
  public String toString() {
    return "OpenBaoClient["
        + transport.connection()
        + ", token="
        + (hasToken() ? token : "none")
        + "]";
  }

  // ---- health -------------------------------------------------------------------------------

  /**
   * {@code GET sys/health}, classified. Unreachable and TLS failures are states here, not
   * exceptions; never sends a token or the namespace header.
   *
   * @throws OpenBaoException only for answers that are not health answers (e.g. a 500)
   */
  public HealthStatus health() {
    Transport.Response answer;
    try {
      answer = transport.send(OpenBaoOperation.HEALTH, "GET", "sys/health", null, null, true);
    } catch (TlsFailureException e) {
      return new HealthStatus(HealthState.TLS_REFUSED, 0, Optional.empty(), e.getMessage());
    } catch (UnreachableException e) {
      return new HealthStatus(HealthState.UNREACHABLE, 0, Optional.empty(), e.getMessage());
    }
    return HealthClassifier.classify(transport.connection().address(), answer);
  }

  /** {@code GET sys/seal-status} (unauthenticated, always 200). */
  public SealStatus sealStatus() {
    Transport.Response answer =
        transport.send(OpenBaoOperation.SEAL_STATUS, "GET", "sys/seal-status", null, null, true);
    return convert(requireBody(answer), SealStatus.class, answer);
  }

  // ---- mounts -------------------------------------------------------------------------------

  /**
   * {@code GET sys/mounts/:path}: the mount containing {@code path} (longest prefix). Needs {@code
   * read} on {@code sys/mounts/<path>}. OpenBao's answer does not say which mount matched, so for a
   * nested name such as {@code teams/kv} a mount at {@code teams/} is returned too; OpenBao forbids
   * nested mounts, so for a name without slashes the answer is exact.
   *
   * @return empty when no mount contains the path (OpenBao's 400 {@code No secret engine mount})
   */
  public Optional<MountInfo> readMount(String path) {
    String apiPath = "sys/mounts/" + OpenBaoPaths.encodePath(OpenBaoPaths.requireMount(path));
    Transport.Response answer = send(OpenBaoOperation.MOUNT_READ, "GET", apiPath, null, true);
    if (answer.status() == 400
        && ErrorClassifier.errorsOf(answer.body()).stream()
            .anyMatch(e -> e.contains("No secret engine mount"))) {
      return Optional.empty();
    }
    return Optional.of(convert(data(answer), MountInfo.class, answer));
  }

  /**
   * {@code GET sys/internal/ui/mounts/:path}: the least-privilege mount lookup, allowed when the
   * token has any capability under the mount. Reports {@link MountInfo#path()}.
   *
   * @throws PermissionDeniedException when the token has no access there, or nothing is mounted
   *     (OpenBao answers both with the same 403 so mounts cannot be probed)
   */
  public MountInfo readMountPreflight(String path) {
    String apiPath =
        "sys/internal/ui/mounts/" + OpenBaoPaths.encodePath(OpenBaoPaths.requireMount(path));
    Transport.Response answer = send(OpenBaoOperation.MOUNT_READ, "GET", apiPath, null, true);
    return convert(data(answer), MountInfo.class, answer);
  }

  /**
   * {@code POST sys/mounts/:path} with {@code type=kv, options.version=2}.
   *
   * @throws BadRequestException when the path is in use ({@code path is already in use at X/})
   */
  public void enableKvV2(String path, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "kv");
    body.put("description", description == null ? "" : description);
    body.put("options", Map.of("version", "2"));
    String apiPath = "sys/mounts/" + OpenBaoPaths.encodePath(OpenBaoPaths.requireMount(path));
    expectSuccess(send(OpenBaoOperation.MOUNT_ENABLE, "POST", apiPath, body, false));
  }

  // ---- ACL policies -------------------------------------------------------------------------

  /** {@code GET sys/policies/acl/:name}; empty when there is no such policy. */
  public Optional<AclPolicy> readPolicy(String name) {
    Transport.Response answer =
        send(OpenBaoOperation.POLICY_READ, "GET", policyPath(name), null, true);
    if (isPlainNotFound(answer)) {
      return Optional.empty();
    }
    return Optional.of(convert(data(answer), AclPolicy.class, answer));
  }

  /** {@code PUT sys/policies/acl/:name} with the HCL (or JSON) text; creates or replaces it. */
  public void writePolicy(String name, String policyText) {
    if (policyText == null || policyText.isBlank()) {
      throw new IllegalArgumentException(
          "The policy text for '" + name + "' is empty; pass the HCL to store.");
    }
    expectSuccess(
        send(
            OpenBaoOperation.POLICY_WRITE,
            "PUT",
            policyPath(name),
            Map.of("policy", policyText),
            false));
  }

  /** {@code DELETE sys/policies/acl/:name}; succeeds when there is nothing to delete. */
  public void deletePolicy(String name) {
    expectSuccess(send(OpenBaoOperation.POLICY_DELETE, "DELETE", policyPath(name), null, false));
  }

  // ---- token roles --------------------------------------------------------------------------

  /** {@code GET auth/token/roles/:name}; empty when there is no such role. */
  public Optional<TokenRole> readTokenRole(String name) {
    Transport.Response answer = send(OpenBaoOperation.ROLE_READ, "GET", rolePath(name), null, true);
    if (isPlainNotFound(answer)) {
      return Optional.empty();
    }
    TokenRole role = convert(data(answer), TokenRole.class, answer);
    return Optional.of(role.name() == null ? role.withName(name) : role);
  }

  /**
   * {@code POST auth/token/roles/:name} with every setting of {@code role}, so an existing role
   * ends up exactly as given.
   */
  public void writeTokenRole(TokenRole role) {
    expectSuccess(
        send(
            OpenBaoOperation.ROLE_WRITE,
            "POST",
            rolePath(role.name()),
            role.toRequestBody(),
            false));
  }

  /** {@code DELETE auth/token/roles/:name}. */
  public void deleteTokenRole(String name) {
    expectSuccess(send(OpenBaoOperation.ROLE_DELETE, "DELETE", rolePath(name), null, false));
  }

  // ---- tokens -------------------------------------------------------------------------------

  /** Mints a token against a role ({@code POST auth/token/create/<role>}); never retried. */
  public IssuedToken createToken(String roleName) {
    return createToken(TokenCreateRequest.forRole(roleName));
  }

  /**
   * Mints a token ({@code auth/token/create}, {@code create/<role>} or {@code create-orphan}),
   * waited for up to the connection's {@link OpenBaoConnection#mintTimeout()}. Sent again only
   * while answered {@code unknown role R}, which mints nothing: a standby that has not received a
   * role just written answers so ({@link StandbyCatchUp}); never after a lost answer, which may
   * have minted.
   *
   * @throws BadRequestException e.g. {@code unknown role R}, once the waits are spent
   */
  public IssuedToken createToken(TokenCreateRequest request) {
    String apiPath =
        request
            .role()
            .map(r -> "auth/token/create/" + OpenBaoPaths.encodeSegment(r))
            .orElse(request.orphanEndpoint() ? "auth/token/create-orphan" : "auth/token/create");
    return issuedToken(
        StandbyCatchUp.REAL.untilSeen(
            () ->
                send(
                    OpenBaoOperation.MINT,
                    "POST",
                    apiPath,
                    request.body(),
                    false,
                    transport.connection().mintTimeout()),
            answer ->
                request
                    .role()
                    .filter(role -> StandbyCatchUp.unknownRole(answer, role))
                    .isPresent()));
  }

  /** {@code GET auth/token/lookup-self}. */
  public TokenInfo lookupSelf() {
    Transport.Response answer =
        send(OpenBaoOperation.LOOKUP_SELF, "GET", "auth/token/lookup-self", null, true);
    return convert(data(answer), TokenInfo.class, answer);
  }

  /**
   * {@code LIST auth/token/accessors}: the accessor of every live token of the connection's
   * namespace (accessors only, never a token). Needs {@code sudo}, so only an admin token may ask.
   */
  public List<String> listAccessors() {
    Transport.Response answer =
        send(OpenBaoOperation.LIST_ACCESSORS, "LIST", "auth/token/accessors/", null, true);
    if (isPlainNotFound(answer)) {
      return List.of();
    }
    List<String> accessors = new ArrayList<>();
    data(answer).path("keys").forEach(accessor -> accessors.add(accessor.asText()));
    return List.copyOf(accessors);
  }

  /**
   * {@code POST auth/token/lookup-accessor}; admin only (the narrow policy does not grant it).
   *
   * @return empty when OpenBao knows no such accessor (revoked, expired or never issued)
   */
  public Optional<TokenInfo> lookupAccessor(String accessor) {
    Transport.Response answer =
        send(
            OpenBaoOperation.LOOKUP_ACCESSOR,
            "POST",
            "auth/token/lookup-accessor",
            Map.of("accessor", accessor),
            true);
    if (answer.status() == 400
        && ErrorClassifier.errorsOf(answer.body()).stream()
            .anyMatch(e -> e.contains("invalid accessor"))) {
      return Optional.empty();
    }
    return Optional.of(convert(data(answer), TokenInfo.class, answer));
  }

  /**
   * {@code POST auth/token/renew-self} without an increment. A periodic token's TTL is reset to its
   * period.
   *
   * @throws BadRequestException for a non-renewable or batch token
   */
  public IssuedToken renewSelf() {
    return issuedToken(
        send(OpenBaoOperation.RENEW_SELF, "POST", "auth/token/renew-self", null, false));
  }

  /** {@code POST auth/token/renew-self} asking for {@code increment} (ignored for periodic). */
  public IssuedToken renewSelf(Duration increment) {
    Map<String, Object> body = Map.of("increment", increment.toSeconds() + "s");
    return issuedToken(
        send(OpenBaoOperation.RENEW_SELF, "POST", "auth/token/renew-self", body, false));
  }

  /**
   * {@code POST auth/token/revoke-self}: revokes this client's token and its non-orphan children.
   *
   * @throws TokenRejectedException when the token is already revoked or expired (callers that clean
   *     up may treat that as done)
   */
  public void revokeSelf() {
    expectSuccess(
        send(OpenBaoOperation.REVOKE_SELF, "POST", "auth/token/revoke-self", null, false));
  }

  /**
   * {@code POST auth/token/revoke-accessor}: admin cleanup only; revokes the token and its whole
   * subtree.
   *
   * @return false when OpenBao found no token with this accessor (its 200 warning), true otherwise
   */
  public boolean revokeAccessor(String accessor) {
    Transport.Response answer =
        send(
            OpenBaoOperation.REVOKE_ACCESSOR,
            "POST",
            "auth/token/revoke-accessor",
            Map.of("accessor", accessor),
            false);
    JsonNode body = expectSuccess(answer);
    return body == null || !warnings(body).stream().anyMatch(w -> w.contains("No token found"));
  }

  // ---- capabilities -------------------------------------------------------------------------

  /** {@code POST sys/capabilities-self} for one path: this token's capabilities there. */
  public Set<String> capabilitiesSelf(String path) {
    return capabilitiesSelf(List.of(path)).getOrDefault(path, Set.of());
  }

  /**
   * {@code POST sys/capabilities-self} for several paths (API paths, e.g. {@code
   * sys/policies/acl/mcpctl-bao}); {@code deny} means none.
   */
  public Map<String, Set<String>> capabilitiesSelf(List<String> paths) {
    Transport.Response answer =
        send(
            OpenBaoOperation.CAPABILITIES_SELF,
            "POST",
            "sys/capabilities-self",
            Map.of("paths", List.copyOf(paths)),
            true);
    JsonNode data = data(answer);
    Map<String, Set<String>> byPath = new LinkedHashMap<>();
    for (String path : paths) {
      JsonNode capabilities = data.path(path);
      if (capabilities.isMissingNode() && paths.size() == 1) {
        capabilities = data.path("capabilities");
      }
      Set<String> names = new TreeSet<>();
      capabilities.forEach(c -> names.add(c.asText()));
      byPath.put(path, Set.copyOf(names));
    }
    return byPath;
  }

  // ---- shared plumbing (also used by KvV2) --------------------------------------------------

  Transport.Response send(
      OpenBaoOperation operation, String method, String path, Object body, boolean retryOnReset) {
    return send(
        operation, method, path, body, retryOnReset, transport.connection().requestTimeout());
  }

  private Transport.Response send(
      OpenBaoOperation operation,
      String method,
      String path,
      Object body,
      boolean retryOnReset,
      Duration timeout) {
    String json;
    try {
      json = body == null ? null : Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The request body for " + path + " is not JSON.", e);
    }
    return transport.send(operation, method, path, json, token, retryOnReset, timeout);
  }

  /** The parsed body of a success (null for 204); the typed exception otherwise. */
  JsonNode expectSuccess(Transport.Response answer) {
    if (!answer.isSuccess()) {
      throw failure(answer);
    }
    if (answer.status() == 204 || answer.body() == null || answer.body().isBlank()) {
      return null;
    }
    return parse(answer);
  }

  OpenBaoException failure(Transport.Response answer) {
    OpenBaoException failure =
        ErrorClassifier.fromResponse(
            answer.request(),
            answer.status(),
            answer.body(),
            answer.header("Retry-After"),
            Optional.ofNullable(token));
    if (failure instanceof NotFoundException
        && failure.errors().contains(NAMESPACE_NOT_FOUND)
        && connection().namespace().isPresent()) {
      String namespace = connection().namespace().get();
      return new NotFoundException(
          "OpenBao at "
              + connection().address()
              + " has no namespace "
              + Sentences.oneLine(namespace, 200)
              + (ShellWord.isLiteral(namespace)
                  ? " (its administrator creates one with 'bao namespace create " + namespace + "'"
                  : " (its administrator creates one with 'bao namespace create', after checking"
                      + " who chose a name a shell would act on")
              + "; else correct the namespace).",
          answer.request(),
          failure.errors());
    }
    return failure;
  }

  /** The {@code data} object of a success answer. */
  JsonNode data(Transport.Response answer) {
    JsonNode body = requireBody(answer);
    JsonNode data = body.path("data");
    if (!data.isObject()) {
      throw new UnexpectedResponseException(
          "OpenBao answered " + answer.request() + " without a data object.",
          answer.request(),
          answer.status(),
          null);
    }
    return data;
  }

  JsonNode requireBody(Transport.Response answer) {
    JsonNode body = expectSuccess(answer);
    if (body == null) {
      throw new UnexpectedResponseException(
          "OpenBao answered " + answer.request() + " with an empty body where data was expected.",
          answer.request(),
          answer.status(),
          null);
    }
    return body;
  }

  JsonNode parse(Transport.Response answer) {
    try {
      return Json.MAPPER.readTree(answer.body());
    } catch (IOException e) {
      throw new UnexpectedResponseException(
          "OpenBao answered " + answer.request() + " with a body that is not JSON.",
          answer.request(),
          answer.status(),
          null);
    }
  }

  <T> T convert(JsonNode node, Class<T> type, Transport.Response answer) {
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException | java.time.DateTimeException e) {
      // The cause is dropped on purpose: Jackson's message may quote the body, tokens included.
      throw new UnexpectedResponseException(
          "OpenBao answered "
              + answer.request()
              + " with a "
              + type.getSimpleName()
              + " the client cannot read.",
          answer.request(),
          answer.status(),
          null);
    }
  }

  static List<String> warnings(JsonNode body) {
    List<String> warnings = new ArrayList<>();
    body.path("warnings").forEach(w -> warnings.add(w.asText()));
    return warnings;
  }

  /** 404 with an empty {@code errors} array: OpenBao's "nothing here". */
  static boolean isPlainNotFound(Transport.Response answer) {
    if (answer.status() != 404 || answer.body() == null || answer.body().isBlank()) {
      return false;
    }
    try {
      JsonNode errors = Json.MAPPER.readTree(answer.body()).path("errors");
      return errors.isArray() && errors.isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private IssuedToken issuedToken(Transport.Response answer) {
    JsonNode body = requireBody(answer);
    JsonNode auth = body.path("auth");
    if (!auth.isObject()) {
      throw new UnexpectedResponseException(
          "OpenBao answered " + answer.request() + " without an auth block.",
          answer.request(),
          answer.status(),
          null);
    }
    IssuedToken issued = convert(auth, IssuedToken.class, answer);
    if (issued.clientToken() == null) {
      throw new UnexpectedResponseException(
          "OpenBao answered " + answer.request() + " without a client token.",
          answer.request(),
          answer.status(),
          null);
    }
    return issued.withWarnings(warnings(body));
  }

  private static String policyPath(String name) {
    return "sys/policies/acl/"
        + OpenBaoPaths.encodeSegment(OpenBaoPaths.requireName(name, "policy"));
  }

  private static String rolePath(String name) {
    return "auth/token/roles/"
        + OpenBaoPaths.encodeSegment(OpenBaoPaths.requireName(name, "token role"));
  }
}
