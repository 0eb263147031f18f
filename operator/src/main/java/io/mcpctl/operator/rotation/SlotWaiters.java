package io.mcpctl.operator.rotation;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The backends waiting for a rotation slot, first come first served: when a slot frees, the one
 * that has waited longest is woken at once. Each waits once, however often it was refused; the turn
 * the limiter hands out stays as a fallback for a slot that frees without a wake-up (the rate
 * limit, or a wake-up that finds the slot taken again).
 */
public final class SlotWaiters {

  private final Set<BackendKey> waiting = new LinkedHashSet<>();
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
    waiting.add(backend);
  }

  /** The backend no longer waits (it got a slot, or was deleted). */
  public synchronized void stopWaiting(BackendKey backend) {
    waiting.remove(backend);
  }

  /** Wakes the longest waiting backend, if any. */
  public void wakeNext() {
    Optional<BackendKey> next;
    synchronized (this) {
      Iterator<BackendKey> oldest = waiting.iterator();
      next = oldest.hasNext() ? Optional.of(oldest.next()) : Optional.empty();
      next.ifPresent(waiting::remove);
    }
    next.ifPresent(wakeUp);
  }

  public synchronized int size() {
    return waiting.size();
  }
}
