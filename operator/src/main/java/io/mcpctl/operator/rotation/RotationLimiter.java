package io.mcpctl.operator.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One gate for every rotation of every backend (scheduled, catch-up after a restart, manual): at
 * most {@code maxConcurrent} at once and at most {@code maxPerSecond} started in any second. It
 * never blocks: a refused caller is told how long to wait and reschedules, so a restart with a
 * thousand overdue backends drains at the configured pace without parking reconcile threads.
 */
public final class RotationLimiter {

  /** A started rotation; closing it frees the slot. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

  private final Clock clock;
  private final int maxConcurrent;
  private final int maxPerSecond;
  private final Deque<Instant> recentStarts = new ArrayDeque<>();
  private int running;
  private int peakRunning;

  public RotationLimiter(Clock clock, int maxConcurrent, int maxPerSecond) {
    if (maxConcurrent < 1 || maxPerSecond < 1) {
      throw new IllegalArgumentException(
          "The rotation limits must be at least 1; set max concurrent rotations and max rotations"
              + " per second to 1 or more.");
    }
    this.clock = clock;
    this.maxConcurrent = maxConcurrent;
    this.maxPerSecond = maxPerSecond;
  }

  /** A permit to rotate now, or empty; then {@link #waitHint()} says when to ask again. */
  public synchronized Optional<Permit> tryAcquire() {
    Instant now = clock.instant();
    forgetStartsBefore(now.minusSeconds(1));
    if (running >= maxConcurrent || recentStarts.size() >= maxPerSecond) {
      return Optional.empty();
    }
    running++;
    peakRunning = Math.max(peakRunning, running);
    recentStarts.addLast(now);
    return Optional.of(new Slot());
  }

  /** How long a refused caller should wait before asking again. */
  public synchronized Duration waitHint() {
    Instant now = clock.instant();
    forgetStartsBefore(now.minusSeconds(1));
    if (running < maxConcurrent && recentStarts.size() >= maxPerSecond) {
      Duration untilSlotFrees = Duration.between(now, recentStarts.peekFirst().plusSeconds(1));
      return untilSlotFrees.isNegative() ? Duration.ofMillis(1) : untilSlotFrees.plusMillis(1);
    }
    return BUSY_RETRY;
  }

  public synchronized int running() {
    return running;
  }

  /** The most rotations that ever ran at once in this process. */
  public synchronized int peakRunning() {
    return peakRunning;
  }

  private void forgetStartsBefore(Instant cutoff) {
    while (!recentStarts.isEmpty() && !recentStarts.peekFirst().isAfter(cutoff)) {
      recentStarts.removeFirst();
    }
  }

  private final class Slot implements Permit {
    private boolean closed;

    @Override
    public void close() {
      synchronized (RotationLimiter.this) {
        if (!closed) {
          closed = true;
          running--;
        }
      }
    }
  }
}
