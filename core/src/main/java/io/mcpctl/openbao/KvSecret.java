package io.mcpctl.openbao;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The answer of a KV v2 read, telling "never existed" from "deleted". {@link #toString()} names the
 * keys only, never the values.
 *
 * @param data the latest version's key/value pairs; empty unless {@link State#PRESENT}. Values that
 *     are not JSON strings are given as their JSON text.
 * @param metadata the version read; empty only for {@link State#NEVER_EXISTED}
 * @param nonStringKeys the keys of {@code data} whose values were not JSON strings (numbers,
 *     booleans, null, lists, objects): their text is not what was written, so whatever must keep
 *     the entry as it is tells them apart
 */
public record KvSecret(
    State state,
    Map<String, String> data,
    Optional<KvVersionMetadata> metadata,
    Set<String> nonStringKeys) {

  /** Whether the latest version can be read. */
  public enum State {
    PRESENT,
    /** The latest version is soft-deleted; metadata remains (and the key is still listed). */
    SOFT_DELETED,
    /** The latest version is destroyed; metadata remains. */
    DESTROYED,
    /** Nothing was ever written here, or its metadata was deleted. */
    NEVER_EXISTED
  }

  public KvSecret {
    data = Map.copyOf(data);
    nonStringKeys = Set.copyOf(nonStringKeys);
  }

  /** An answer whose values were all strings. */
  public KvSecret(State state, Map<String, String> data, Optional<KvVersionMetadata> metadata) {
    this(state, data, metadata, Set.of());
  }

  public boolean isPresent() {
    return state == State.PRESENT;
  }

  @Override
  public String toString() {
    return "KvSecret[state="
        + state
        + ", keys="
        + new java.util.TreeSet<>(data.keySet())
        + ", version="
        + metadata.map(m -> Long.toString(m.version())).orElse("none")
        + "]";
  }
}
