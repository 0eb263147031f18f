package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every change the store makes, in order, for HTTP watches: the recent ones are kept so that a
 * watch can resume from a resourceVersion its list returned, as from the API server's watch cache;
 * one asking for a version older than what is kept is told 410 Gone, and must list again.
 */
final class WatchHub {

  /** One change as a watch reports it. */
  record Change(String type, ResourcePath collection, ObjectNode object, long resourceVersion) {}

  /** A watcher's place in the stream; closing it stops its events. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** Thrown when the history no longer reaches back to the version a watch asked for. */
  static final class TooOld extends Exception {
    private final long oldest;

    TooOld(long oldest) {
      super(null, null, false, false);
      this.oldest = oldest;
    }

    long oldestKept() {
      return oldest;
    }
  }

  private final int capacity;
  private final Deque<Change> history = new ArrayDeque<>();
  private final List<Consumer<Change>> watchers = new CopyOnWriteArrayList<>();

  /** The version before the oldest change kept: a watch from it or later misses nothing. */
  private long horizon;

  private long latest;

  WatchHub(int capacity) {
    this.capacity = capacity;
  }

  synchronized void publish(Change change) {
    history.addLast(change);
    latest = Math.max(latest, change.resourceVersion());
    while (history.size() > capacity) {
      horizon = history.removeFirst().resourceVersion();
    }
    for (Consumer<Change> watcher : watchers) {
      watcher.accept(change);
    }
  }

  synchronized long latestVersion() {
    return latest;
  }

  /**
   * Replays the kept changes after {@code fromVersion} that {@code wanted} accepts, then passes on
   * new ones as they happen, in one order with no gap.
   *
   * @param fromVersion empty to start with what happens next
   * @throws TooOld when changes after {@code fromVersion} are no longer kept
   */
  synchronized Subscription subscribe(
      Optional<Long> fromVersion, Predicate<Change> wanted, Consumer<Change> watcher)
      throws TooOld {
    if (fromVersion.isPresent()) {
      if (fromVersion.get() < horizon) {
        throw new TooOld(horizon + 1);
      }
      List<Change> missed = new ArrayList<>();
      for (Change change : history) {
        if (change.resourceVersion() > fromVersion.get() && wanted.test(change)) {
          missed.add(change);
        }
      }
      missed.forEach(watcher);
    }
    Consumer<Change> filtered =
        change -> {
          if (wanted.test(change)) {
            watcher.accept(change);
          }
        };
    watchers.add(filtered);
    return () -> watchers.remove(filtered);
  }
}
