package io.mcpctl.operator.kube;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A thread-safe cache that forgets its least recently used entries once it holds more than {@code
 * maxEntries} or their weights add up to more than {@code maxWeight}: what a namespace writes
 * decides what is cached (Secrets of any size, CA bundles of any length), so a count alone bounds
 * nothing. An entry may name an owner (the namespace whose backend made it); an owner past its
 * share loses its own least recently used entries, not another's. An entry another namespace uses
 * too stays counted to its owner but is shared: its owner's share no longer evicts it from under
 * the other, and the owner's newer entries go first (the newest itself, when nothing else of the
 * owner's may go), so sharing frees no room in a share.
 */
final class LeastRecentlyUsed<V> {

  /** The part of the limits one owner may take. */
  record Share(int maxEntries, long maxWeight) {
    Share {
      if (maxEntries < 1 || maxWeight < 1) {
        throw new IllegalArgumentException("An owner's share must hold at least one entry.");
      }
    }
  }

  private record Entry<V>(V value, long weight, Optional<String> owner, boolean shared) {
    Entry(V value, long weight, Optional<String> owner) {
      this(value, weight, owner, false);
    }
  }

  private record Usage(int entries, long weight) {
    Usage plus(Usage more) {
      return new Usage(entries + more.entries(), weight + more.weight());
    }

    boolean beyond(Share share) {
      return entries > share.maxEntries() || weight > share.maxWeight();
    }
  }

  private final int maxEntries;
  private final long maxWeight;
  private final Share ownerShare;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Usage> owners = new HashMap<>();
  private long weight;

  LeastRecentlyUsed(int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
    this(maxEntries, maxWeight, new Share(maxEntries, maxWeight), weigher);
  }

  LeastRecentlyUsed(int maxEntries, long maxWeight, Share ownerShare, ToLongFunction<V> weigher) {
    this.maxEntries = maxEntries;
    this.maxWeight = maxWeight;
    this.ownerShare = ownerShare;
    this.weigher = weigher;
  }

  synchronized Optional<V> get(String key) {
    return Optional.ofNullable(entries.get(key)).map(Entry::value);
  }

  /**
   * As {@link #get(String)}, for {@code user}: an entry owned by another is from then on shared,
   * which its owner's share no longer evicts.
   */
  synchronized Optional<V> get(String key, String user) {
    Entry<V> kept = entries.get(key);
    if (kept == null) {
      return Optional.empty();
    }
    if (!kept.shared() && kept.owner().filter(owner -> !owner.equals(user)).isPresent()) {
      entries.put(key, new Entry<>(kept.value(), kept.weight(), kept.owner(), true));
    }
    return Optional.of(kept.value());
  }

  /**
   * Keeps {@code value} unless another was kept for {@code key} meanwhile; returns the one kept. A
   * value heavier than the whole cache is returned without being kept.
   */
  V keep(String key, V value) {
    return keep(key, Optional.empty(), value);
  }

  /**
   * As {@link #keep(String, Object)}, counting the entry to {@code owner}'s share; a value heavier
   * than that share is returned without being kept.
   */
  V keep(String key, String owner, V value) {
    return keep(key, Optional.of(owner), value);
  }

  private synchronized V keep(String key, Optional<String> owner, V value) {
    Entry<V> kept = entries.get(key);
    if (kept != null) {
      return kept.value();
    }
    long valueWeight = weigher.applyAsLong(value);
    if (valueWeight > (owner.isPresent() ? ownerShare.maxWeight() : maxWeight)) {
      return value;
    }
    entries.put(key, new Entry<>(value, valueWeight, owner));
    weight += valueWeight;
    owner.ifPresent(name -> owners.merge(name, new Usage(1, valueWeight), Usage::plus));
    owner.ifPresent(this::keepToShare);
    Iterator<Entry<V>> eldest = entries.values().iterator();
    while (entries.size() > maxEntries || weight > maxWeight) {
      Entry<V> dropped = eldest.next();
      eldest.remove();
      forgetWeight(dropped);
    }
    return value;
  }

  /**
   * Evicts the owner's least recently used entries that nobody else uses until it is within its
   * share; the entry just kept is one of them, so this always ends.
   */
  private void keepToShare(String owner) {
    Iterator<Entry<V>> eldest = entries.values().iterator();
    while (owners.getOrDefault(owner, new Usage(0, 0)).beyond(ownerShare) && eldest.hasNext()) {
      Entry<V> candidate = eldest.next();
      if (!candidate.shared() && candidate.owner().equals(Optional.of(owner))) {
        eldest.remove();
        forgetWeight(candidate);
      }
    }
  }

  synchronized void remove(String key) {
    Entry<V> removed = entries.remove(key);
    if (removed != null) {
      forgetWeight(removed);
    }
  }

  private void forgetWeight(Entry<V> dropped) {
    weight -= dropped.weight();
    dropped
        .owner()
        .ifPresent(
            name ->
                owners.computeIfPresent(
                    name,
                    (ignored, usage) -> {
                      Usage left = usage.plus(new Usage(-1, -dropped.weight()));
                      return left.entries() == 0 ? null : left;
                    }));
  }

  synchronized int size() {
    return entries.size();
  }
}
