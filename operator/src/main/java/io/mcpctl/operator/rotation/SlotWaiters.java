package io.mcpctl.operator.rotation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The backends waiting for a rotation slot, first come first served: when a slot frees, the one
 * that has waited longest is woken at once. Each waits once, however often it was refused; the turn
 * the limiter hands out stays as a fallback for a slot that frees without a wake-up (the rate
 * limit, or a wake-up that finds the slot taken again).
 */
public final class SlotWaiters {

  private final Set<BackendKey> waiting = new LinkedHashSet<>();

  /**
   * Woken and not yet back: still counted as waiting for {@link #anyWaitingOutside}, so that the
   * slot it was woken for is not taken meanwhile by the namespace that had to leave it.
   */
  private final Set<BackendKey> woken = new HashSet<>();

  private final Map<String, Integer> waitingByNamespace = new HashMap<>();
  private final Consumer<BackendKey> wakeUp;

  /**
   * @param wakeUp reconciles one backend soon (the operator's inbound event)
   */
  public SlotWaiters(Consumer<BackendKey> wakeUp) {
    this.wakeUp = wakeUp;
  }

  /** Wakes no one: for a reconciliation driven by hand. */
  public static SlotWaiters none() {
    return new SlotWaiters(key -> {});
  }

  /** A backend, by namespace and name. */
  public record BackendKey(String namespace, String name) {}

  public synchronized void waitForSlot(BackendKey backend) {
    boolean counted = woken.remove(backend);
    if (waiting.add(backend) != counted) {
      waitingByNamespace.merge(backend.namespace(), 1, Integer::sum);
    }
  }

  /** The backend no longer waits (it got a slot, needs none any more, or was deleted). */
  public synchronized void stopWaiting(BackendKey backend) {
    if (waiting.remove(backend) | woken.remove(backend)) {
      forget(backend);
    }
  }

  /**
   * The backend, woken for a slot, is being reconciled: its claim ends, its place (if any) stays.
   */
  public synchronized void back(BackendKey backend) {
    if (woken.remove(backend)) {
      forget(backend);
    }
  }

  /** Wakes the longest waiting backend, if any. */
  public void wakeNext() {
    wakeOldest(backend -> true);
  }

  /**
   * Wakes the longest waiting backend of another namespace than {@code namespace}, if any: a slot
   * that namespace may not take (it holds its share) is free for them.
   */
  public void wakeNextOutside(String namespace) {
    wakeOldest(backend -> !backend.namespace().equals(namespace));
  }

  /**
   * Whether a backend of a namespace other than {@code namespace} waits, or was woken for a slot.
   */
  public synchronized boolean anyWaitingOutside(String namespace) {
    return waiting.size() + woken.size() > waitingByNamespace.getOrDefault(namespace, 0);
  }

  private void wakeOldest(Predicate<BackendKey> eligible) {
    Optional<BackendKey> next;
    synchronized (this) {
      next = waiting.stream().filter(eligible).findFirst();
      next.ifPresent(
          backend -> {
            waiting.remove(backend);
            woken.add(backend);
          });
    }
    next.ifPresent(wakeUp);
  }

  private void forget(BackendKey backend) {
    waitingByNamespace.computeIfPresent(
        backend.namespace(), (key, count) -> count == 1 ? null : count - 1);
  }

  public synchronized int size() {
    return waiting.size();
  }
}
