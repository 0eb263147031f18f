package io.mcpctl.operator.kube;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A thread-safe map that forgets its least recently used entry once it holds more than a limit. */
final class LeastRecentlyUsed {
  private LeastRecentlyUsed() {}

  static <V> Map<String, V> boundedTo(int limit) {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > limit;
          }
        });
  }
}
