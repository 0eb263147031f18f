package io.mcpctl.sandbox.openbao.sys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.openbao.OpenBaoNamespace;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import io.mcpctl.sandbox.openbao.logical.Operation;
import java.util.List;
import java.util.Map;

/**
 * {@code sys/namespaces} and {@code sys/namespaces/:name} of one namespace: list, read, create or
 * update custom metadata, delete (openbao {@code vault/logical_system_namespaces.go}, v2.6.2). A
 * name is one segment: nested namespaces are made from inside their parent.
 */
final class NamespacesEndpoint {

  private final NamespaceDirectory directory;
  private final String namespacePath;

  NamespacesEndpoint(NamespaceDirectory directory, String namespacePath) {
    this.directory = directory;
    this.namespacePath = namespacePath;
  }

  LogicalResponse list(LogicalRequest request) {
    if (request.operation() != Operation.LIST) {
      throw ApiError.unsupportedOperation();
    }
    List<NamespaceDirectory.Entry> children = directory.children(namespacePath);
    LogicalResponse listing = LogicalResponse.list(children.stream().map(this::relative).toList());
    ObjectNode keyInfo = Json.object();
    children.forEach(child -> keyInfo.set(relative(child), view(child)));
    ((ObjectNode) listing.data()).set("key_info", keyInfo);
    return listing;
  }

  LogicalResponse namespace(LogicalRequest request, String rawName) {
    String name = name(rawName);
    switch (request.operation()) {
      case READ:
        return directory
            .child(namespacePath, name)
            .map(entry -> LogicalResponse.data(view(entry)))
            .orElseThrow(() -> ApiError.empty(404));
      case CREATE:
      case UPDATE:
        Map<String, String> metadata =
            request.fields().stringMap("custom_metadata").orElse(Map.of());
        return LogicalResponse.data(view(directory.put(namespacePath, name, metadata)));
      case DELETE:
        return directory
            .delete(namespacePath, name)
            .map(
                status -> {
                  ObjectNode data = Json.object();
                  data.put("status", status);
                  return LogicalResponse.data(data);
                })
            .orElseGet(
                () -> LogicalResponse.noContent().warning("requested namespace does not exist"));
      default:
        throw ApiError.unsupportedOperation();
    }
  }

  /** OpenBao's {@code namespace.ParseName}: one segment, not reserved. */
  private static String name(String raw) {
    String name = raw;
    while (name.startsWith("/")) {
      name = name.substring(1);
    }
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty()) {
      throw ApiError.badRequest("namespace name cannot be empty");
    }
    if (name.contains("/")) {
      throw ApiError.badRequest("namespace name cannot contain /");
    }
    if (OpenBaoNamespace.RESERVED_NAMES.contains(name)) {
      throw ApiError.badRequest(
          "\"" + name + "\" is a reserved path and cannot be used as a namespace name");
    }
    if (name.chars().anyMatch(c -> c == '+' || c == '*' || Character.isWhitespace(c))) {
      throw ApiError.badRequest(
          "\"" + name + "\" contains characters that cannot be used in a namespace name");
    }
    return name;
  }

  private String relative(NamespaceDirectory.Entry entry) {
    return entry.path().substring(namespacePath.length());
  }

  private static ObjectNode view(NamespaceDirectory.Entry entry) {
    ObjectNode data = Json.object();
    data.put("uuid", entry.uuid());
    data.put("path", entry.path());
    data.put("id", entry.id());
    data.put("tainted", false);
    data.put("locked", false);
    ObjectNode metadata = data.putObject("custom_metadata");
    entry.customMetadata().forEach(metadata::put);
    return data;
  }
}
