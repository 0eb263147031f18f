package io.mcpctl.secrets;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An MCP secret: a named map of keys to byte values in one namespace. Values are bytes so that
 * anything survives every backend unchanged; {@link #toString()} names the keys, never a value.
 *
 * <p>Names follow Kubernetes Secret names and keys follow Kubernetes Secret keys on every backend
 * ({@link SecretNames}), so any secret can move between backends.
 */
public final class McpSecret {

  private final String namespace;
  private final String name;
  private final SortedMap<String, byte[]> data;

  /**
   * @throws IllegalArgumentException when the name or a key is not valid ({@link SecretNames})
   */
  public McpSecret(String namespace, String name, Map<String, byte[]> data) {
    this.namespace = SecretNames.requireNamespace(namespace);
    this.name = SecretNames.requireName(name);
    SortedMap<String, byte[]> copy = new TreeMap<>();
    Objects.requireNonNull(data, "data")
        .forEach(
            (key, value) ->
                copy.put(
                    SecretNames.requireKey(key),
                    Objects.requireNonNull(value, "value of " + key).clone()));
    this.data = Collections.unmodifiableSortedMap(copy);
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The keys, sorted. */
  public Set<String> keys() {
    return data.keySet();
  }

  /** A copy of the value of {@code key}; empty when the secret has no such key. */
  public Optional<byte[]> value(String key) {
    return Optional.ofNullable(data.get(key)).map(byte[]::clone);
  }

  /** A copy of every key and value, sorted by key. */
  public Map<String, byte[]> data() {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    data.forEach((key, value) -> copy.put(key, value.clone()));
    return copy;
  }

  /** Refuses this secret in a store of another namespace. */
  McpSecret requireNamespace(String storeNamespace) {
    if (!namespace.equals(storeNamespace)) {
      throw new IllegalArgumentException(
          "The secret "
              + name
              + " belongs to namespace "
              + namespace
              + ", not "
              + storeNamespace
              + "; use the store of its namespace.");
    }
    return this;
  }

  /** Equal when namespace, name, keys and every value byte are equal. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof McpSecret that)
        || !namespace.equals(that.namespace)
        || !name.equals(that.name)
        || !data.keySet().equals(that.data.keySet())) {
      return false;
    }
    return data.entrySet().stream()
        .allMatch(entry -> Arrays.equals(entry.getValue(), that.data.get(entry.getKey())));
  }

  @Override
  public int hashCode() {
    int hash = Objects.hash(namespace, name);
    for (Map.Entry<String, byte[]> entry : data.entrySet()) {
      hash = 31 * hash + entry.getKey().hashCode() * 17 + Arrays.hashCode(entry.getValue());
    }
    return hash;
  }

  @Override
  public String toString() {
    return "McpSecret[" + namespace + "/" + name + ", keys=" + data.keySet() + "]";
  }
}
