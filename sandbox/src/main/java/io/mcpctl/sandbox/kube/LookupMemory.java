package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the CRUD dispatcher answered for named objects (found or not), for the CRD list and for
 * collections listed, kept until a write touches it (any write, for a collection). An answer looked
 * up while any write went on is not kept, because it may predate that write; a write forgets an
 * object under every version it is served at.
 */
final class LookupMemory {

  private static final String CRD_GROUP = "apiextensions.k8s.io";
  private static final String CRD_PLURAL = "customresourcedefinitions";

  /** By object (group, plural, namespace, name), then by the version it was asked for. */
  private final Map<String, Map<String, Optional<String>>> objects = new HashMap<>();

  private List<ObjectNode> customResourceDefinitions;

  /** Collections as last listed, by path and query. */
  private final Map<String, Object> listings = new HashMap<>();

  private long writes;

  /**
   * @param lookup asks the CRUD dispatcher: the stored JSON, or empty when there is no such object
   */
  Optional<String> object(ResourcePath path, Supplier<Optional<String>> lookup) {
    String key = objectKey(path);
    long writesBefore;
    synchronized (this) {
      Map<String, Optional<String>> versions = objects.get(key);
      if (versions != null && versions.containsKey(path.version())) {
        return versions.get(path.version());
      }
      writesBefore = writes;
    }
    Optional<String> found = lookup.get();
    synchronized (this) {
      if (writes == writesBefore) {
        objects.computeIfAbsent(key, unused -> new HashMap<>()).put(path.version(), found);
      }
    }
    return found;
  }

  /** The stored CRDs, shared: callers must copy before they change one. */
  List<ObjectNode> customResourceDefinitions(Supplier<List<ObjectNode>> lookup) {
    long writesBefore;
    synchronized (this) {
      if (customResourceDefinitions != null) {
        return customResourceDefinitions;
      }
      writesBefore = writes;
    }
    List<ObjectNode> found = List.copyOf(lookup.get());
    synchronized (this) {
      if (writes == writesBefore) {
        customResourceDefinitions = found;
      }
    }
    return found;
  }

  /**
   * A collection as listed, shared: callers must not change it or its items. A client reading a
   * large collection a page at a time asks for it once per page.
   *
   * @param key the collection's path and query
   */
  @SuppressWarnings("unchecked")
  <T> T listing(String key, Supplier<T> lookup) {
    long writesBefore;
    synchronized (this) {
      Object kept = listings.get(key);
      if (kept != null) {
        return (T) kept;
      }
      writesBefore = writes;
    }
    T found = lookup.get();
    synchronized (this) {
      if (writes == writesBefore) {
        listings.put(key, found);
      }
    }
    return found;
  }

  /** Called after every write to the CRUD dispatcher, successful or not. */
  synchronized void forget(ResourcePath path) {
    writes++;
    listings.clear();
    objects.remove(objectKey(path));
    if (path.group().equals(CRD_GROUP) && path.plural().equals(CRD_PLURAL)) {
      customResourceDefinitions = null;
    }
  }

  private static String objectKey(ResourcePath path) {
    return path.group()
        + '/'
        + path.plural()
        + '/'
        + (path.namespace() == null ? "" : path.namespace())
        + '/'
        + path.name();
  }
}
