package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.kube.rbac.AccessRequest;
import io.mcpctl.sandbox.kube.schema.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A failed request, answered with a {@code Status} body worded as the Kubernetes API server words
 * it, so kubectl prints {@code Error from server (NotFound): ...} and client libraries recognise
 * the reason.
 */
final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reason;
  private final transient ObjectNode details;

  private ApiError(int code, String reason, String message, ObjectNode details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  static ApiError notFound(ResourceType type, String name) {
    return new ApiError(
        404,
        "NotFound",
        type.qualifiedPlural() + " \"" + name + "\" not found",
        details(name, type.group(), type.plural()));
  }

  static ApiError pathNotFound(String path) {
    return new ApiError(
        404, "NotFound", "the server could not find the requested resource (" + path + ")", null);
  }

  static ApiError alreadyExists(ResourceType type, String name) {
    return new ApiError(
        409,
        "AlreadyExists",
        type.qualifiedPlural() + " \"" + name + "\" already exists",
        details(name, type.group(), type.plural()));
  }

  static ApiError conflict(ResourceType type, String name) {
    return new ApiError(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + type.qualifiedPlural()
            + " \""
            + name
            + "\": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        details(name, type.group(), type.plural()));
  }

  static ApiError invalid(ResourceType type, String name, List<FieldError> errors) {
    String joined =
        errors.size() == 1
            ? errors.get(0).toString()
            : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
    ObjectNode details = details(name, type.group(), type.kind());
    ArrayNode causes = details.putArray("causes");
    for (FieldError error : errors) {
      causes
          .addObject()
          .put("reason", error.reason())
          .put("message", error.message())
          .put("field", error.field());
    }
    return new ApiError(
        422, "Invalid", type.qualifiedKind() + " \"" + name + "\" is invalid: " + joined, details);
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message, null);
  }

  static ApiError unsupportedMediaType(String message) {
    return new ApiError(415, "UnsupportedMediaType", message, null);
  }

  static ApiError methodNotSupported(String message) {
    return new ApiError(405, "MethodNotAllowed", message, null);
  }

  /** An answer of the underlying object store that the checks before it did not foresee. */
  static ApiError fromStore(int code, String message) {
    String reason =
        switch (code) {
          case 400 -> "BadRequest";
          case 404 -> "NotFound";
          case 409 -> "Conflict";
          case 422 -> "Invalid";
          default -> "InternalError";
        };
    return new ApiError(code, reason, message, null);
  }

  /** No credentials, or credentials this server does not know: 401 as a real API server says it. */
  static ApiError unauthorized() {
    return new ApiError(401, "Unauthorized", "Unauthorized", null);
  }

  /**
   * The API server's 403 (apiserver's forbiddenMessage and NewForbidden): {@code events "x" is
   * forbidden: User "u" cannot patch resource "events" in API group "" in the namespace "n"}.
   */
  static ApiError forbidden(String user, AccessRequest access) {
    if (!access.isResourceRequest()) {
      return new ApiError(
          403,
          "Forbidden",
          "forbidden: User \""
              + user
              + "\" cannot "
              + access.verb()
              + " path \""
              + access.path()
              + "\"",
          null);
    }
    String where =
        access
            .namespace()
            .map(namespace -> " in the namespace \"" + namespace + "\"")
            .orElse(" at the cluster scope");
    String why =
        "User \""
            + user
            + "\" cannot "
            + access.verb()
            + " resource \""
            + access.combinedResource()
            + "\" in API group \""
            + access.apiGroup()
            + "\""
            + where;
    String qualified =
        access.apiGroup().isEmpty()
            ? access.resource()
            : access.resource() + "." + access.apiGroup();
    String subject = access.name().map(name -> qualified + " \"" + name + "\"").orElse(qualified);
    return new ApiError(
        403,
        "Forbidden",
        subject + " is forbidden: " + why,
        details(access.name().orElse(""), access.apiGroup(), access.resource()));
  }

  /** The NamespaceLifecycle admission plugin's refusal while a namespace is being deleted. */
  static ApiError namespaceTerminating(ResourceType type, String name, String namespace) {
    return new ApiError(
        403,
        "Forbidden",
        type.qualifiedPlural()
            + " \""
            + name
            + "\" is forbidden: unable to create new content in namespace "
            + namespace
            + " because it is being terminated",
        details(name, type.group(), type.plural()));
  }

  static ApiError internal(String message) {
    return new ApiError(500, "InternalError", message, null);
  }

  int code() {
    return code;
  }

  String reason() {
    return reason;
  }

  /** The {@code Status} document for the response body. */
  ObjectNode toStatus() {
    ObjectNode status = Json.object();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", getMessage()).put("reason", reason);
    if (details != null) {
      status.set("details", details);
    }
    status.put("code", code);
    return status;
  }

  private static ObjectNode details(String name, String group, String kind) {
    ObjectNode details = Json.object();
    details.put("name", name);
    if (!group.isEmpty()) {
      details.put("group", group);
    }
    details.put("kind", kind);
    return details;
  }
}
