package io.mcpctl.operator.rotation;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** At most one rotation per backend at a time in this process (leader election covers others). */
public final class BackendLocks {

  private final Set<String> held = ConcurrentHashMap.newKeySet();

  /** The lock for {@code key}, or empty when a rotation of that backend is running. */
  public Optional<AutoCloseable> tryLock(String key) {
    return held.add(key) ? Optional.of(() -> held.remove(key)) : Optional.empty();
  }
}
