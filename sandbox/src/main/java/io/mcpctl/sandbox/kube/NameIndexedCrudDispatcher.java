package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.Value;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * fabric8's CRUD dispatcher with its stored objects indexed by name, so that finding one object (a
 * GET by name, and the lookup inside every create, replace and patch) checks the few objects of
 * that name instead of matching every stored object, which made each request cost time in
 * proportion to the store (thousands of objects in a benchmark).
 *
 * <p>The answers stay those of the full scan: a candidate is still matched with fabric8's own
 * attribute rules, and when more than one object matches, the scan decides which comes first. The
 * index follows every change the Kubernetes handlers (create, replace, patch, delete) make to the
 * map, all of which go through {@link #processEvent}, and {@link #reset}; a change it cannot place
 * makes it rebuild itself from the map. The string-based handlers inherited from fabric8's generic
 * {@code CrudDispatcher} write the map directly and must not be used. Lists, watches and deletes
 * keep fabric8's own code.
 */
final class NameIndexedCrudDispatcher extends KubernetesCrudDispatcher {

  private static final String NAME = KubernetesAttributesExtractor.NAME;
  private static final String ANY_NAME = "*";

  /** Guards the index, and pairs each index change with the map change it follows. */
  private final ReadWriteLock indexLock = new ReentrantReadWriteLock();

  /** Keys of the stored objects by their one name; keys named "*" match every name. */
  private final Map<String, Set<AttributeSet>> keysByName = new HashMap<>();

  private final Set<AttributeSet> keysNamedAny = new HashSet<>();

  private final WatchHub changes;

  /**
   * @param changes told of every change after it is stored, in the order of the store's
   *     resourceVersions
   */
  NameIndexedCrudDispatcher(WatchHub changes) {
    this.changes = changes;
  }

  @Override
  public MockResponse handleGet(String path) {
    if (path.indexOf('?') < 0) {
      Optional<MockResponse> indexed = namedObject(attributeExtractor.fromPath(path));
      if (indexed.isPresent()) {
        return indexed.get();
      }
    }
    return super.handleGet(path);
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Optional<Optional<Map.Entry<AttributeSet, String>>> indexed = lookUp(query);
    if (indexed.isPresent()) {
      return indexed.get().orElse(null);
    }
    return super.findResource(query);
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    indexLock.writeLock().lock();
    try {
      String previousState = oldAttributes == null ? null : map.get(oldAttributes);
      try {
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
      } catch (RuntimeException | Error e) {
        rebuild();
        throw e;
      }
      if (oldAttributes != null && !map.containsKey(oldAttributes)) {
        unindex(oldAttributes);
      }
      if (newState != null) {
        AttributeSet newAttributes = storedKey(pathAttributes, resource, newState);
        if (map.containsKey(newAttributes)) {
          index(newAttributes);
        } else {
          rebuild();
        }
      }
      publish(path, oldAttributes, previousState, newState);
    } finally {
      indexLock.writeLock().unlock();
    }
  }

  @Override
  public void reset() {
    // Outside the index lock: writers take fabric8's lock first, then this one. A lookup in between
    // finds its key gone from the map and falls back to the scan.
    super.reset();
    indexLock.writeLock().lock();
    try {
      rebuild();
    } finally {
      indexLock.writeLock().unlock();
    }
  }

  /** The stored keys the index offers for a name, for tests to check it against the map. */
  Set<AttributeSet> indexedKeys(String name) {
    indexLock.readLock().lock();
    try {
      Set<AttributeSet> keys = new HashSet<>(keysByName.getOrDefault(name, Set.of()));
      keys.addAll(keysNamedAny);
      return keys;
    } finally {
      indexLock.readLock().unlock();
    }
  }

  /** The answer fabric8's handleGet gives for one object, or empty when the index cannot tell. */
  private Optional<MockResponse> namedObject(AttributeSet query) {
    return lookUp(query)
        .map(
            found ->
                found
                    .map(entry -> new MockResponse().setResponseCode(200).setBody(entry.getValue()))
                    .orElseGet(() -> new MockResponse().setResponseCode(404)));
  }

  /**
   * @return empty when the query does not name exactly one name, or when several stored objects
   *     match it (the full scan then picks the first in the map's order); else the one match, if
   *     any
   */
  private Optional<Optional<Map.Entry<AttributeSet, String>>> lookUp(AttributeSet query) {
    Attribute asked = query.getAttribute(NAME);
    if (asked == null || asked.getType() != AttributeType.WITH) {
      // Other types (EXISTS, IN, ...) are not a name equality the index can answer.
      return Optional.empty();
    }
    Optional<String> name = singleName(asked);
    if (name.isEmpty() || name.get().equals(ANY_NAME)) {
      return Optional.empty();
    }
    indexLock.readLock().lock();
    try {
      List<AttributeSet> matches = new ArrayList<>(1);
      for (AttributeSet key : keysByName.getOrDefault(name.get(), Set.of())) {
        if (key.matches(query)) {
          matches.add(key);
        }
      }
      for (AttributeSet key : keysNamedAny) {
        if (key.matches(query)) {
          matches.add(key);
        }
      }
      if (matches.isEmpty()) {
        return Optional.of(Optional.empty());
      }
      if (matches.size() > 1) {
        return Optional.empty();
      }
      String stored = map.get(matches.get(0));
      if (stored == null) {
        return Optional.empty();
      }
      return Optional.of(
          Optional.of(new AbstractMap.SimpleImmutableEntry<>(matches.get(0), stored)));
    } finally {
      indexLock.readLock().unlock();
    }
  }

  /** The key fabric8's processEvent stores a new state under. */
  private AttributeSet storedKey(
      AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
    KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
    AttributeSet key =
        resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
    if (!key.containsKey(KubernetesAttributesExtractor.PLURAL)) {
      key = AttributeSet.merge(pathAttributes, key);
    }
    return key;
  }

  private void index(AttributeSet key) {
    Optional<String> name = singleName(key.getAttribute(NAME));
    if (name.isEmpty()) {
      return;
    }
    if (name.get().equals(ANY_NAME)) {
      keysNamedAny.add(key);
    } else {
      keysByName.computeIfAbsent(name.get(), unused -> new HashSet<>()).add(key);
    }
  }

  private void unindex(AttributeSet key) {
    keysNamedAny.remove(key);
    singleName(key.getAttribute(NAME))
        .ifPresent(
            name -> {
              Set<AttributeSet> keys = keysByName.get(name);
              if (keys != null && keys.remove(key) && keys.isEmpty()) {
                keysByName.remove(name);
              }
            });
  }

  private void rebuild() {
    keysByName.clear();
    keysNamedAny.clear();
    synchronized (map) {
      map.keySet().forEach(this::index);
    }
  }

  /**
   * The name an attribute holds when it holds exactly one: fabric8 compares an asked name with a
   * stored one as lists of values, so only a single stored value can equal a single asked one.
   */
  private static Optional<String> singleName(Attribute attribute) {
    if (attribute == null) {
      return Optional.empty();
    }
    List<Value> values = attribute.getValues();
    if (values.size() != 1 || values.get(0).toString() == null) {
      return Optional.empty();
    }
    return Optional.of(values.get(0).toString());
  }

  /** ADDED, MODIFIED or DELETED, with the state a watcher sees (the last one for a deletion). */
  private void publish(
      String path, AttributeSet oldAttributes, String previousState, String newState) {
    Optional<ResourcePath> parsed = ResourcePath.parse(path.split("\\?", 2)[0]);
    if (parsed.isEmpty() || (newState == null && previousState == null)) {
      return;
    }
    String type = newState == null ? "DELETED" : oldAttributes == null ? "ADDED" : "MODIFIED";
    ObjectNode object = Json.parseStored(newState != null ? newState : previousState);
    if (newState == null) {
      // A deletion is a change of its own, after every version the object had.
      Json.metadata(object).put("resourceVersion", Long.toString(requestResourceVersion()));
    }
    long version;
    try {
      version = Long.parseLong(Json.text(object, "metadata.resourceVersion").orElse("0"));
    } catch (NumberFormatException notCounted) {
      version = 0;
    }
    ResourcePath objectPath = parsed.get().withoutSubresource();
    ResourcePath collection =
        new ResourcePath(
            objectPath.group(),
            objectPath.version(),
            Json.text(object, "metadata.namespace").orElse(null),
            objectPath.plural(),
            null,
            null);
    changes.publish(new WatchHub.Change(type, collection, object, version));
  }
}
