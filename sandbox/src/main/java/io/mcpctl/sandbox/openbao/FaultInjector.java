package io.mcpctl.sandbox.openbao;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The faults currently injected; the first active fault matching a request applies to it. */
public final class FaultInjector {
  /** An injected fault with its id and how many more requests it applies to (empty: unlimited). */
  public record ActiveFault(String id, Fault fault, Optional<Integer> remaining) {}

  private static final class Slot {
    final String id;
    final Fault fault;
    Integer remaining;

    Slot(String id, Fault fault) {
      this.id = id;
      this.fault = fault;
      this.remaining = fault.times().orElse(null);
    }
  }

  private final List<Slot> slots = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  /** Injects a fault and returns its id, for {@link #remove}. */
  public synchronized String add(Fault fault) {
    String id = Long.toString(ids.incrementAndGet());
    slots.add(new Slot(id, fault));
    return id;
  }

  /** Removes one fault; returns whether it was still active. */
  public synchronized boolean remove(String id) {
    return slots.removeIf(slot -> slot.id.equals(id));
  }

  public synchronized void clear() {
    slots.clear();
  }

  public synchronized List<ActiveFault> active() {
    return slots.stream()
        .map(slot -> new ActiveFault(slot.id, slot.fault, Optional.ofNullable(slot.remaining)))
        .toList();
  }

  /** The fault to apply to this request, counting one use of it. */
  synchronized Optional<Fault> take(String method, String path) {
    Iterator<Slot> iterator = slots.iterator();
    while (iterator.hasNext()) {
      Slot slot = iterator.next();
      if (slot.fault.matches(method, path)) {
        if (slot.remaining != null) {
          slot.remaining--;
          if (slot.remaining == 0) {
            iterator.remove();
          }
        }
        return Optional.of(slot.fault);
      }
    }
    return Optional.empty();
  }
}
