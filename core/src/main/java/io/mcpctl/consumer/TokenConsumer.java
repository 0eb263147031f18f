package io.mcpctl.consumer;

import java.time.Instant;
import java.util.Optional;

/**
 * One container of one pod that reads the token Secret.
 *
 * @param startedAt when the container's process started (else the pod's start), if known
 * @param finishesAtStart an init container that runs to completion before the others start (not a
 *     sidecar): it used the token once and holds nothing afterwards
 */
public record TokenConsumer(
    String pod,
    String container,
    ReadMode mode,
    Workload workload,
    Optional<Instant> startedAt,
    boolean finishesAtStart) {

  /**
   * Whether it still holds a token replaced at {@code switchedAt}: it keeps running, reads the
   * token only at start, and started before the switch (or its start is unknown).
   */
  public boolean holdsTokenFrom(Instant switchedAt) {
    return !finishesAtStart
        && !mode.refreshesItself()
        && startedAt.map(started -> started.isBefore(switchedAt)).orElse(true);
  }

  /**
   * Whether it still holds the token that was current from {@code currentSince} (unknown: from the
   * beginning) until {@code retiredAt}: it holds a replaced token and started in that span (or its
   * start is unknown).
   */
  public boolean holdsTokenCurrentBetween(Optional<Instant> currentSince, Instant retiredAt) {
    return holdsTokenFrom(retiredAt)
        && currentSince
            .flatMap(since -> startedAt.map(started -> !started.isBefore(since)))
            .orElse(true);
  }
}
