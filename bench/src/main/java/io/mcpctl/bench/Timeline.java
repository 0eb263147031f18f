package io.mcpctl.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Pure arithmetic over request intervals and instants: concurrency, rates, medians. */
final class Timeline {

  /** A request seen from its start to the end of its answer, in nanoseconds of one clock. */
  record Interval(long startNanos, long endNanos) {
    Interval {
      if (endNanos < startNanos) {
        throw new IllegalArgumentException("An interval cannot end before it starts.");
      }
    }
  }

  private Timeline() {}

  /**
   * The most intervals open at one instant. An interval ending exactly when another starts does not
   * overlap it, as a connection freed for the next request.
   */
  static int peakConcurrency(Collection<Interval> intervals) {
    long[] starts = intervals.stream().mapToLong(Interval::startNanos).sorted().toArray();
    long[] ends = intervals.stream().mapToLong(Interval::endNanos).sorted().toArray();
    int open = 0;
    int peak = 0;
    int endIndex = 0;
    for (long start : starts) {
      while (endIndex < ends.length && ends[endIndex] <= start) {
        endIndex++;
        open--;
      }
      open++;
      peak = Math.max(peak, open);
    }
    return peak;
  }

  /** The most instants inside any window of this length (closed at the start, open at the end). */
  static int maxInWindow(Collection<Long> instantsNanos, Duration window) {
    long[] sorted = instantsNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    long width = window.toNanos();
    int best = 0;
    int first = 0;
    for (int last = 0; last < sorted.length; last++) {
      while (sorted[last] - sorted[first] >= width) {
        first++;
      }
      best = Math.max(best, last - first + 1);
    }
    return best;
  }

  /** The median; for an even count, the mean of the two middle values. */
  static double median(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("The median of no values is undefined.");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * Counts per bucket of {@code widthMillis} from {@code originMillis}, which no value precedes.
   */
  static List<Integer> histogram(
      Collection<Long> valuesMillis, long originMillis, long widthMillis) {
    if (widthMillis <= 0) {
      throw new IllegalArgumentException("A histogram bucket must be wider than zero.");
    }
    int[] counts = new int[0];
    for (long value : valuesMillis) {
      if (value < originMillis) {
        throw new IllegalArgumentException("A value lies before the histogram's origin.");
      }
      int bucket = (int) ((value - originMillis) / widthMillis);
      if (bucket >= counts.length) {
        counts = Arrays.copyOf(counts, bucket + 1);
      }
      counts[bucket]++;
    }
    List<Integer> result = new ArrayList<>(counts.length);
    for (int count : counts) {
      result.add(count);
    }
    return result;
  }
}
