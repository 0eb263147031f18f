package io.mcpctl.operator.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * One gate for every rotation of every backend (scheduled, catch-up after a restart, manual): at
 * most {@code maxConcurrent} at once, and at most {@code maxPerSecond} mints reaching OpenBao in
 * any second. It never blocks: a refused caller is told how long to wait and reschedules, so a
 * restart with a thousand overdue backends drains at the configured pace without parking reconcile
 * threads.
 *
 * <p>The rate counts a rotation from its start until one second after it ends. Its mint reaches
 * OpenBao at some moment in between that the limiter cannot see, so counting only starts lets a
 * rotation that mints late and one that mints early land within one second of each other. Counted
 * this way, any {@code maxPerSecond + 1} rotations include one that ended a full second before the
 * last of them started, so their mints span more than a second as OpenBao sees them.
 *
 * <p>While backends of another namespace wait, one namespace holds at most half the slots (rounded
 * up): a namespace may point its backends at a server it runs, and a server that answers a mint
 * slowly holds a slot for up to the mint timeout, so without a share one namespace could keep every
 * other namespace's rotations waiting. Alone, a namespace may use them all.
 */
public final class RotationLimiter {

  /** A started rotation; closing it frees the slot. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * The longest a rotation is taken to last when turns are spaced, and the estimate until one has
   * been timed. Rotations that take longer (a cold JVM, a slow API server) leave some callers
   * refused once more, at one Secret read each, which costs less than slots standing idle behind
   * turns handed out too far ahead.
   */
  static final Duration LONGEST_ROTATION_ASSUMED = Duration.ofMillis(200);

  private final Clock clock;
  private final int maxConcurrent;
  private final int maxPerSecond;
  private final Deque<Instant> recentEnds = new ArrayDeque<>();
  private final Map<String, Integer> runningByNamespace = new HashMap<>();
  private final PriorityQueue<Instant> turnsHandedOut = new PriorityQueue<>();
  private int running;
  private int peakRunning;
  private long typicalRotationNanos = LONGEST_ROTATION_ASSUMED.toNanos();
  private volatile Runnable onRelease = () -> {};

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

  /**
   * A permit to rotate a backend of {@code namespace} now, or empty; then {@link #waitHint()} says
   * when to ask again.
   *
   * @param othersWaiting whether a backend of another namespace waits for a slot
   */
  public synchronized Optional<Permit> tryAcquire(String namespace, boolean othersWaiting) {
    Instant now = clock.instant();
    forgetEndsBefore(now.minusSeconds(1));
    if (running >= maxConcurrent || rateFull()) {
      return Optional.empty();
    }
    if (othersWaiting && runningIn(namespace) >= namespaceShare()) {
      return Optional.empty();
    }
    running++;
    runningByNamespace.merge(namespace, 1, Integer::sum);
    peakRunning = Math.max(peakRunning, running);
    return Optional.of(new Slot(namespace));
  }

  /**
   * The slots one namespace may hold while another namespace waits: half, rounded up, so that two
   * namespaces at their share never leave a slot that neither may take. Half of whichever limit is
   * lower: a running rotation also holds its place in the per-second rate, so with the chart's 4
   * concurrent and 2 per second, two slow rotations of one namespace would otherwise spend the
   * whole rate and keep every other namespace waiting for as long as they run.
   */
  int namespaceShare() {
    return (Math.min(maxConcurrent, maxPerSecond) + 1) / 2;
  }

  /**
   * Whether {@code namespace} was refused for its share alone: it holds its share and a slot is
   * free, which a backend of another namespace may take.
   */
  public synchronized boolean leavesASlotToOthers(String namespace) {
    return runningIn(namespace) >= namespaceShare() && running < maxConcurrent && !rateFull();
  }

  private int runningIn(String namespace) {
    return runningByNamespace.getOrDefault(namespace, 0);
  }

  /**
   * How long a refused caller should wait before asking again. Each call hands out a turn behind
   * the turns still pending, so callers refused together come back one after another at the pace
   * the limits allow (a slot frees about every typical rotation time / max concurrent), not all at
   * once. Turns are spaced by the current pace, so turns handed out early do not keep later callers
   * waiting once rotations get faster.
   */
  public synchronized Duration waitHint() {
    Instant now = clock.instant();
    forgetEndsBefore(now.minusSeconds(1));
    while (!turnsHandedOut.isEmpty() && !turnsHandedOut.peek().isAfter(now)) {
      turnsHandedOut.poll();
    }
    long assumedRotationNanos = Math.min(typicalRotationNanos, LONGEST_ROTATION_ASSUMED.toNanos());
    Duration slotInterval = Duration.ofNanos(assumedRotationNanos / maxConcurrent);
    Instant firstFree = running >= maxConcurrent ? now.plus(slotInterval) : now;
    if (rateFull()) {
      Instant rateFree =
          recentEnds.isEmpty()
              ? now.plusNanos(assumedRotationNanos).plusSeconds(1)
              : recentEnds.peekFirst().plusSeconds(1).plusMillis(1);
      firstFree = rateFree.isAfter(firstFree) ? rateFree : firstFree;
    }
    // Each rotation holds a place in the rate for its own length plus a second.
    Duration startInterval =
        Duration.ofSeconds(1).plusNanos(assumedRotationNanos).dividedBy(maxPerSecond);
    Duration spacing = startInterval.compareTo(slotInterval) > 0 ? startInterval : slotInterval;
    Instant turn = firstFree.plus(spacing.multipliedBy(turnsHandedOut.size()));
    turnsHandedOut.add(turn);
    Duration wait = Duration.between(now, turn);
    return wait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : wait;
  }

  /**
   * Runs {@code wakeUp} (outside the limiter's lock) each time a rotation ends and frees its slot,
   * so that a backend waiting for one is reconciled then, not at a turn guessed ahead.
   */
  public void whenASlotFrees(Runnable wakeUp) {
    this.onRelease = wakeUp;
  }

  /** Rotations running now: each holds a slot until it ends. */
  public synchronized int running() {
    return running;
  }

  /**
   * Whether every slot is taken, so that {@link #tryAcquire} would refuse whatever the rate and the
   * namespace.
   */
  public synchronized boolean atCapacity() {
    return running >= maxConcurrent;
  }

  /** The most rotations that ever ran at once in this process. */
  public synchronized int peakRunning() {
    return peakRunning;
  }

  private boolean rateFull() {
    return running + recentEnds.size() >= maxPerSecond;
  }

  private void forgetEndsBefore(Instant cutoff) {
    while (!recentEnds.isEmpty() && !recentEnds.peekFirst().isAfter(cutoff)) {
      recentEnds.removeFirst();
    }
  }

  private final class Slot implements Permit {
    private final Instant startedAt = clock.instant();
    private final String namespace;
    private boolean closed;

    Slot(String namespace) {
      this.namespace = namespace;
    }

    @Override
    public void close() {
      boolean released = false;
      synchronized (RotationLimiter.this) {
        if (!closed) {
          closed = true;
          released = true;
          running--;
          runningByNamespace.computeIfPresent(
              namespace, (key, count) -> count == 1 ? null : count - 1);
          Instant endedAt = clock.instant();
          recentEnds.addLast(endedAt);
          // A moving average, so the turns handed out follow how fast OpenBao and the API answer.
          long took = Math.max(0, Duration.between(startedAt, endedAt).toNanos());
          typicalRotationNanos = (typicalRotationNanos * 4 + took) / 5;
        }
      }
      if (released) {
        onRelease.run();
      }
    }
  }
}
