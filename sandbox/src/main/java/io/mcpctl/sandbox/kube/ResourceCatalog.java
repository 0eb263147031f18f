package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every resource type the API serves right now: the built-ins plus what stored CRDs define. */
final class ResourceCatalog {

  private final ObjectStore store;
  private final CustomResourceTypes customResourceTypes = new CustomResourceTypes();

  ResourceCatalog(ObjectStore store) {
    this.store = store;
  }

  List<ResourceType> all() {
    List<ResourceType> all = new ArrayList<>(BuiltInResources.ALL);
    all.addAll(customResourceTypes.from(store.customResourceDefinitions()));
    return all;
  }

  Optional<ResourceType> find(String group, String version, String plural) {
    Optional<ResourceType> builtIn = BuiltInResources.find(group, version, plural);
    if (builtIn.isPresent()) {
      return builtIn;
    }
    return customResourceTypes.from(store.customResourceDefinitions()).stream()
        .filter(type -> type.matches(group, version, plural))
        .findFirst();
  }

  /** The resource types an object defines: its served versions when it is a CRD, else none. */
  List<ResourceType> typesDefinedBy(ObjectNode object) {
    boolean isCrd =
        "CustomResourceDefinition".equals(object.path("kind").asText())
            && object.path("apiVersion").asText().startsWith("apiextensions.k8s.io/");
    return isCrd ? customResourceTypes.from(List.of(object)) : List.of();
  }

  /** Group name to its versions (in first-seen order); the core group is the empty name. */
  Map<String, List<String>> groupVersions() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (ResourceType type : all()) {
      List<String> versions = groups.computeIfAbsent(type.group(), unused -> new ArrayList<>());
      if (!versions.contains(type.version())) {
        versions.add(type.version());
      }
    }
    return groups;
  }

  List<ResourceType> inGroupVersion(String group, String version) {
    return all().stream()
        .filter(type -> type.group().equals(group) && type.version().equals(version))
        .toList();
  }
}
