package io.mcpctl.operator.kube;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A thread-safe cache that forgets its least recently used entries once it holds more than {@code
 * maxEntries} or their weights add up to more than {@code maxWeight}: what a namespace writes
 * decides what is cached (Secrets of any size, CA bundles of any length), so a count alone bounds
 * nothing.
 */
final class LeastRecentlyUsed<V> {

  private final int maxEntries;
  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<String, V> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long weight;

  LeastRecentlyUsed(int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
    this.maxEntries = maxEntries;
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  synchronized Optional<V> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * Keeps {@code value} unless another was kept for {@code key} meanwhile; returns the one kept. A
   * value heavier than the whole cache is returned without being kept.
   */
  synchronized V keep(String key, V value) {
    V kept = entries.get(key);
    if (kept != null) {
      return kept;
    }
    long valueWeight = weigher.applyAsLong(value);
    if (valueWeight > maxWeight) {
      return value;
    }
    entries.put(key, value);
    weight += valueWeight;
    Iterator<Map.Entry<String, V>> eldest = entries.entrySet().iterator();
    while (entries.size() > maxEntries || weight > maxWeight) {
      weight -= weigher.applyAsLong(eldest.next().getValue());
      eldest.remove();
    }
    return value;
  }

  synchronized void remove(String key) {
    V removed = entries.remove(key);
    if (removed != null) {
      weight -= weigher.applyAsLong(removed);
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
