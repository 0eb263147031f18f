package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.mcpctl.sandbox.kube.rbac.AccessLog;
import io.mcpctl.sandbox.kube.rbac.AccessRequest;
import io.mcpctl.sandbox.kube.rbac.Caller;
import io.mcpctl.sandbox.kube.rbac.Identities;
import io.mcpctl.sandbox.kube.rbac.RbacAuthorizer;
import io.mcpctl.sandbox.kube.rbac.RbacRules;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling and whether they may: bearer tokens, impersonation headers and RBAC from the
 * Roles, ClusterRoles and bindings stored in this API, as a real API server decides. The RBAC
 * objects are read once and again after any write to them.
 */
final class RequestAuthorization {

  static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private final Identities identities;
  private final ObjectStore store;
  private final AccessLog accessLog;
  private volatile RbacRules rules;

  RequestAuthorization(Identities identities, ObjectStore store, AccessLog accessLog) {
    this.identities = identities;
    this.store = store;
    this.accessLog = accessLog;
  }

  /**
   * @throws ApiError 401 without a valid bearer token; 403 when the caller may not impersonate whom
   *     the headers name
   */
  Caller caller(RecordedRequest request) {
    // As the API server's union of authenticators: a verified client certificate first.
    Caller caller =
        verifiedClientCertificate(request)
            .flatMap(Identities::fromClientCertificate)
            .or(() -> identities.authenticate(request.getHeader("Authorization")))
            .orElseThrow(ApiError::unauthorized);
    String user = request.getHeader("Impersonate-User");
    if (user == null) {
      return caller;
    }
    List<String> groups = request.getHeaders().headers("Impersonate-Group");
    List<AccessRequest> asked = new ArrayList<>();
    asked.add(impersonation(user));
    for (String group : groups) {
      asked.add(
          AccessRequest.resource(
              "impersonate", "", "groups", "", Optional.empty(), Optional.of(group)));
    }
    for (AccessRequest impersonate : asked) {
      if (!allows(caller, impersonate)) {
        throw ApiError.forbidden(caller.name(), impersonate);
      }
    }
    return Caller.impersonated(user, groups);
  }

  /**
   * @throws ApiError 403 with the API server's own sentence when RBAC does not allow the request
   */
  void authorize(Caller caller, ApiRequest request, ResourcePath path) {
    AccessRequest access = access(request, path);
    boolean allowed = allows(caller, access);
    accessLog.record(caller.name(), access, allowed);
    if (!allowed) {
      throw ApiError.forbidden(caller.name(), access);
    }
  }

  boolean allows(Caller caller, AccessRequest access) {
    return RbacAuthorizer.allows(caller, access, caller.isMaster() ? null : rules());
  }

  /** The rules that apply to {@code caller} in {@code namespace}, for SelfSubjectRulesReview. */
  RbacRules rules() {
    RbacRules current = rules;
    if (current == null) {
      current =
          new RbacRules(
              read("roles", Role.class),
              read("clusterroles", ClusterRole.class),
              read("rolebindings", RoleBinding.class),
              read("clusterrolebindings", ClusterRoleBinding.class));
      rules = current;
    }
    return current;
  }

  /** Forgets the RBAC objects read, after a write that may have changed them. */
  void rbacChanged() {
    rules = null;
  }

  /** The request in RBAC's terms, as Kubernetes' RequestInfoFactory derives it. */
  static AccessRequest access(ApiRequest request, ResourcePath path) {
    String verb =
        switch (request.method()) {
          case "GET" -> request.isWatch() ? "watch" : path.name() == null ? "list" : "get";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> path.name() == null ? "deletecollection" : "delete";
          default -> request.method().toLowerCase(java.util.Locale.ROOT);
        };
    // A namespace's own URL is in that namespace, so a RoleBinding there can grant it.
    String namespace =
        path.namespace() != null
            ? path.namespace()
            : "namespaces".equals(path.plural()) ? path.name() : null;
    return AccessRequest.resource(
        verb,
        path.group(),
        path.plural(),
        path.subresource() == null ? "" : path.subresource(),
        Optional.ofNullable(namespace),
        Optional.ofNullable(path.name()));
  }

  private static Optional<X509Certificate> verifiedClientCertificate(RecordedRequest request) {
    String encoded = request.getHeader(EmbeddedHttpServer.VERIFIED_CLIENT_CERTIFICATE);
    if (encoded == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(Base64.getDecoder().decode(encoded))));
    } catch (CertificateException | IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  private static AccessRequest impersonation(String user) {
    String prefix = "system:serviceaccount:";
    if (user.startsWith(prefix)) {
      String[] parts = user.substring(prefix.length()).split(":", 2);
      if (parts.length == 2) {
        return AccessRequest.resource(
            "impersonate", "", "serviceaccounts", "", Optional.of(parts[0]), Optional.of(parts[1]));
      }
    }
    return AccessRequest.resource(
        "impersonate", "", "users", "", Optional.empty(), Optional.of(user));
  }

  private <T> List<T> read(String plural, Class<T> type) {
    ResourcePath collection = new ResourcePath(RBAC_GROUP, "v1", null, plural, null, null);
    List<T> objects = new ArrayList<>();
    for (ObjectNode item : store.list(collection, null).items()) {
      try {
        objects.add(Json.MAPPER.treeToValue(item, type));
      } catch (JsonProcessingException unreadable) {
        // Validation keeps malformed objects out; one that slipped through grants nothing.
      }
    }
    return objects;
  }
}
