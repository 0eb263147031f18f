package io.mcpctl.operator.kube;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last event recorded for each (object, type, reason, message), so a repeat raises the count of
 * that event instead of adding a row to {@code kubectl describe}, as client-go's recorder does.
 * Bounded: the least recently repeated series are forgotten first, which only costs a new row.
 */
final class EventSeries {

  record Key(String namespace, String objectUid, String type, String reason, String message) {}

  /** An event already in the API: its name and how often it has been recorded. */
  record Recorded(String name, int count) {}

  private final Map<Key, Recorded> lastByKey;

  EventSeries(int capacity) {
    this.lastByKey =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Recorded> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized Optional<Recorded> last(Key key) {
    return Optional.ofNullable(lastByKey.get(key));
  }

  synchronized void remember(Key key, Recorded recorded) {
    lastByKey.put(key, recorded);
  }

  synchronized void forget(Key key) {
    lastByKey.remove(key);
  }

  synchronized int size() {
    return lastByKey.size();
  }
}
