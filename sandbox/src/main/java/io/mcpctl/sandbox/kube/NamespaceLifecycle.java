package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What Kubernetes' NamespaceLifecycle admission plugin and namespace controller do: a namespaced
 * object is created only in a namespace that exists and is not being deleted, and a deleted
 * namespace is {@code Terminating} until the last object in it is gone (objects holding finalizers
 * keep it so until their controllers release them), then it goes too.
 */
final class NamespaceLifecycle {

  private static final ResourceType NAMESPACES =
      BuiltInResources.find("", "v1", "namespaces").orElseThrow();

  private static final String TERMINATING = "Terminating";

  private final ObjectStore store;
  private final ResourceCatalog catalog;

  NamespaceLifecycle(ObjectStore store, ResourceCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  static boolean isNamespace(ResourceType type) {
    return type.equals(NAMESPACES);
  }

  /**
   * @throws ApiError 404 when the namespace does not exist, 403 when it is being deleted
   */
  void admitCreate(ResourceType type, String name, String namespace) {
    if (!type.namespaced()) {
      return;
    }
    ObjectNode found =
        namespace(namespace).orElseThrow(() -> ApiError.notFound(NAMESPACES, namespace));
    if (isTerminating(found)) {
      throw ApiError.namespaceTerminating(type, name, namespace);
    }
  }

  /** Marks the namespace {@code Terminating}; the caller then deletes what it holds. */
  ObjectNode markTerminating(ResourcePath path, ObjectNode namespace) {
    if (isTerminating(namespace)) {
      return namespace;
    }
    // No deletionTimestamp: fabric8's store drops an object marked so that holds no metadata
    // finalizer, and a namespace's finalizer lives in spec.finalizers. The phase is what
    // admission and kubectl read.
    ObjectNode marked = namespace.deepCopy();
    marked.with("status").put("phase", TERMINATING);
    return store.replace(path, marked).orElse(marked);
  }

  /** Removes {@code namespace} when it is being deleted and nothing is left in it. */
  void finishIfEmpty(String namespace) {
    Optional<ObjectNode> found = namespace(namespace);
    if (found.isEmpty() || !isTerminating(found.get())) {
      return;
    }
    for (ResourceType type : catalog.all()) {
      if (type.namespaced() && !store.list(collection(type, namespace), null).items().isEmpty()) {
        return;
      }
    }
    store.delete(pathOf(namespace));
  }

  private static boolean isTerminating(ObjectNode namespace) {
    return TERMINATING.equals(namespace.path("status").path("phase").asText());
  }

  private Optional<ObjectNode> namespace(String name) {
    return store.get(pathOf(name));
  }

  private static ResourcePath pathOf(String namespace) {
    return new ResourcePath("", "v1", null, "namespaces", namespace, null);
  }

  private static ResourcePath collection(ResourceType type, String namespace) {
    return new ResourcePath(type.group(), type.version(), namespace, type.plural(), null, null);
  }
}
