package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal OpenAPI v3: per group-version, one {@code patch} operation per resource that declares
 * its kind and the {@code fieldValidation} query parameter. That is what kubectl checks before it
 * leaves validation to the server (so {@code kubectl apply} needs no {@code --validate=false}).
 * Custom resources' schemas are published too, for {@code kubectl explain}.
 */
final class OpenApiDocuments {

  static final String ROOT = "/openapi/v3";

  private final ResourceCatalog catalog;
  private final String serverVersion;

  OpenApiDocuments(ResourceCatalog catalog, String serverVersion) {
    this.catalog = catalog;
    this.serverVersion = serverVersion;
  }

  /** The index kubectl starts from; each entry's hash changes when its document changes. */
  ObjectNode index() {
    ObjectNode index = Json.object();
    ObjectNode paths = index.putObject("paths");
    for (Map.Entry<String, List<String>> group : catalog.groupVersions().entrySet()) {
      for (String version : group.getValue()) {
        String relative = relativePath(group.getKey(), version);
        String hash = hash(Json.write(document(group.getKey(), version)));
        paths.putObject(relative).put("serverRelativeURL", ROOT + "/" + relative + "?hash=" + hash);
      }
    }
    return index;
  }

  /**
   * @param relativePath {@code api/v1} or {@code apis/GROUP/VERSION}
   */
  Optional<ObjectNode> document(String relativePath) {
    String[] parts = relativePath.split("/");
    if (parts.length == 2 && parts[0].equals("api")) {
      return Optional.of(document("", parts[1]));
    }
    if (parts.length == 3
        && parts[0].equals("apis")
        && !catalog.inGroupVersion(parts[1], parts[2]).isEmpty()) {
      return Optional.of(document(parts[1], parts[2]));
    }
    return Optional.empty();
  }

  private ObjectNode document(String group, String version) {
    ObjectNode document = Json.object().put("openapi", "3.0.0");
    document.putObject("info").put("title", "Kubernetes").put("version", serverVersion);
    ObjectNode paths = document.putObject("paths");
    for (ResourceType type : catalog.inGroupVersion(group, version)) {
      ObjectNode patch = paths.putObject(objectPathTemplate(type)).putObject("patch");
      patch.put("operationId", "patch" + type.kind());
      ObjectNode parameter = patch.putArray("parameters").addObject();
      parameter.put("name", "fieldValidation").put("in", "query");
      parameter.putObject("schema").put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
      patch
          .putObject("x-kubernetes-group-version-kind")
          .put("group", type.group())
          .put("version", type.version())
          .put("kind", type.kind());
    }
    ObjectNode schemas = document.putObject("components").putObject("schemas");
    for (ResourceType type : catalog.inGroupVersion(group, version)) {
      type.schema()
          .ifPresent(
              schema -> {
                ObjectNode published = schema.deepCopy();
                published
                    .putArray("x-kubernetes-group-version-kind")
                    .addObject()
                    .put("group", type.group())
                    .put("version", type.version())
                    .put("kind", type.kind());
                schemas.set(schemaName(type), published);
              });
    }
    return document;
  }

  /** {@code io.mcpctl.v1alpha1.SecretBackend}: the group reversed, as the API server names it. */
  private static String schemaName(ResourceType type) {
    List<String> groupParts = new ArrayList<>(List.of(type.group().split("\\.")));
    Collections.reverse(groupParts);
    return String.join(".", groupParts) + "." + type.version() + "." + type.kind();
  }

  private static String objectPathTemplate(ResourceType type) {
    String prefix = "/" + relativePath(type.group(), type.version());
    String scope = type.namespaced() ? "/namespaces/{namespace}" : "";
    return prefix + scope + "/" + type.plural() + "/{name}";
  }

  private static String relativePath(String group, String version) {
    return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
  }

  private static String hash(String document) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(document.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
