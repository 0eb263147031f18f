package io.mcpctl.operator.rotation;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** At most one rotation per backend at a time in this process (leader election covers others). */
public final class BackendLocks {

  /** A held lock; releasing it cannot fail. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  private final Set<String> held = ConcurrentHashMap.newKeySet();

  /** The lock for {@code key}, or empty when a rotation of that backend is running. */
  public Optional<Held> tryLock(String key) {
    return held.add(key) ? Optional.of(() -> held.remove(key)) : Optional.empty();
  }
}
