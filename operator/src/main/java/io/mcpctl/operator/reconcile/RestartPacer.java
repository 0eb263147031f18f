package io.mcpctl.operator.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces the operator's rolling restarts across all backends: at most {@code perSecond}, each
 * waiting for its turn, so that a rotation of many backends sharing workloads, or many workloads at
 * once, never becomes a restart storm in the cluster.
 */
final class RestartPacer {

  /** How a turn is waited for; a test records the waits instead of sleeping. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Clock clock;
  private final Duration spacing;
  private final Sleeper sleeper;
  private Instant nextTurn = Instant.EPOCH;

  RestartPacer(Clock clock, int perSecond, Sleeper sleeper) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("At least one restart per second must be allowed.");
    }
    this.clock = clock;
    this.spacing = Duration.ofSeconds(1).dividedBy(perSecond);
    this.sleeper = sleeper;
  }

  static RestartPacer systemPaced(Clock clock, int perSecond) {
    return new RestartPacer(clock, perSecond, duration -> Thread.sleep(duration.toMillis()));
  }

  /** Waits for the next turn. */
  void awaitTurn() throws InterruptedException {
    Duration wait;
    synchronized (this) {
      Instant now = clock.instant();
      Instant turn = nextTurn.isAfter(now) ? nextTurn : now;
      nextTurn = turn.plus(spacing);
      wait = Duration.between(now, turn);
    }
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
  }
}
