package io.mcpctl.operator.reconcile;

import io.mcpctl.api.v1alpha1.SecretBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * When each backend's token was last checked, in the operator's memory: status records a check only
 * now and then ({@link QuietStatus}), so scheduling cannot go by it. A backend first seen (after a
 * start or a leader change) whose recorded check is older than the interval gets a first check at a
 * random point of one interval, so thousands of backends are not all looked up in the first minute.
 */
final class CheckRecords {

  private final Map<String, Instant> lastChecked = new ConcurrentHashMap<>();
  private final Duration interval;
  private final RandomGenerator random;

  CheckRecords(Duration interval, RandomGenerator random) {
    this.interval = interval;
    this.random = random;
  }

  /**
   * The last check to schedule by: the remembered one, or for a backend first seen the recorded
   * one, moved to a random point of the last interval when it is older than that.
   */
  Optional<Instant> lastChecked(SecretBackend backend, Optional<Instant> recorded, Instant now) {
    Instant remembered = lastChecked.get(key(backend));
    if (remembered != null) {
      return Optional.of(recorded.filter(remembered::isBefore).orElse(remembered));
    }
    if (recorded.isEmpty()) {
      return Optional.empty();
    }
    Instant earliest = now.minus(interval);
    Instant first =
        recorded.get().isBefore(earliest)
            ? earliest.plusMillis(random.nextLong(Math.max(1, interval.toMillis())))
            : recorded.get();
    // Remembered either way: a record that is recent now is old an interval later, and must not
    // make the backend look first seen (and its check be rolled again) then.
    lastChecked.put(key(backend), first);
    return Optional.of(first);
  }

  void checked(SecretBackend backend, Instant at) {
    lastChecked.put(key(backend), at);
  }

  void forget(SecretBackend backend) {
    lastChecked.remove(key(backend));
  }

  private static String key(SecretBackend backend) {
    return backend.getMetadata().getNamespace()
        + "/"
        + backend.getMetadata().getName()
        + "/"
        + backend.getMetadata().getUid();
  }
}
