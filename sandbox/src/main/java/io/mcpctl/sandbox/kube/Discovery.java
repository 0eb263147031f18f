package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The legacy discovery documents ({@code /api}, {@code /apis}, {@code /api/v1}, {@code
 * /apis/GROUP[/VERSION]}) kubectl reads to map kinds and short names to URLs.
 */
final class Discovery {

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

  private final ResourceCatalog catalog;
  private final String serverAddress;

  Discovery(ResourceCatalog catalog, String serverAddress) {
    this.catalog = catalog;
    this.serverAddress = serverAddress;
  }

  ObjectNode coreVersions() {
    ObjectNode versions = Json.object().put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    versions
        .putArray("serverAddressByClientCIDRs")
        .addObject()
        .put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return versions;
  }

  ObjectNode groups() {
    ObjectNode list = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    catalog
        .groupVersions()
        .forEach(
            (group, versions) -> {
              if (!group.isEmpty()) {
                groups.add(group(group, versions));
              }
            });
    return list;
  }

  Optional<ObjectNode> group(String name) {
    List<String> versions = catalog.groupVersions().get(name);
    if (versions == null || name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(group(name, versions).put("kind", "APIGroup").put("apiVersion", "v1"));
  }

  Optional<ObjectNode> resources(String group, String version) {
    List<ResourceType> types = catalog.inGroupVersion(group, version);
    if (types.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode list =
        Json.object()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", types.get(0).groupVersion());
    ArrayNode resources = list.putArray("resources");
    for (ResourceType type : types) {
      ObjectNode resource =
          resources
              .addObject()
              .put("name", type.plural())
              .put("singularName", type.singular())
              .put("namespaced", type.namespaced())
              .put("kind", type.kind());
      VERBS.forEach(resource.putArray("verbs")::add);
      if (!type.shortNames().isEmpty()) {
        type.shortNames().forEach(resource.putArray("shortNames")::add);
      }
      if (!type.categories().isEmpty()) {
        type.categories().forEach(resource.putArray("categories")::add);
      }
      if (type.statusSubresource()) {
        ObjectNode status =
            resources
                .addObject()
                .put("name", type.plural() + "/status")
                .put("singularName", "")
                .put("namespaced", type.namespaced())
                .put("kind", type.kind());
        STATUS_VERBS.forEach(status.putArray("verbs")::add);
      }
    }
    return Optional.of(list);
  }

  private static ObjectNode group(String name, List<String> versions) {
    ObjectNode group = Json.object().put("name", name);
    ArrayNode versionList = group.putArray("versions");
    versions.forEach(
        version ->
            versionList
                .addObject()
                .put("groupVersion", name + "/" + version)
                .put("version", version));
    group
        .putObject("preferredVersion")
        .put("groupVersion", name + "/" + versions.get(0))
        .put("version", versions.get(0));
    return group;
  }
}
