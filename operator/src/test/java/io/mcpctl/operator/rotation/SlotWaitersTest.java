package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.operator.rotation.SlotWaiters.BackendKey;
import io.mcpctl.sandbox.openbao.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotWaitersTest {

  private final List<BackendKey> woken = new ArrayList<>();
  private final SlotWaiters waiters = new SlotWaiters(woken::add);

  @Test
  void wakesTheLongestWaitingBackendOncePerFreedSlot() {
    BackendKey a = new BackendKey("team-a", "bao");
    BackendKey b = new BackendKey("team-b", "bao");
    waiters.waitForSlot(a);
    waiters.waitForSlot(b);
    waiters.waitForSlot(a);

    waiters.wakeNext();
    assertThat(woken).containsExactly(a);
    waiters.wakeNext();
    waiters.wakeNext();
    assertThat(woken).as("each waits once, however often refused").containsExactly(a, b);
  }

  @Test
  void aSlotANamespaceMayNotTakeWakesTheLongestWaitingBackendOfAnother() {
    BackendKey slowOne = new BackendKey("slow", "one");
    BackendKey slowTwo = new BackendKey("slow", "two");
    BackendKey other = new BackendKey("team-a", "bao");
    waiters.waitForSlot(slowOne);
    waiters.waitForSlot(slowTwo);
    assertThat(waiters.anyWaitingOutside("slow")).isFalse();
    waiters.waitForSlot(other);
    assertThat(waiters.anyWaitingOutside("slow")).isTrue();
    assertThat(waiters.anyWaitingOutside("team-a")).isTrue();

    waiters.wakeNextOutside("slow");

    assertThat(woken).containsExactly(other);
    assertThat(waiters.anyWaitingOutside("slow"))
        .as("woken for the slot, not yet back: it still counts")
        .isTrue();
    assertThat(waiters.size()).isEqualTo(2);
    waiters.waitForSlot(other);
    assertThat(waiters.size()).as("refused again, it waits once more").isEqualTo(3);
    waiters.wakeNextOutside("slow");
    waiters.stopWaiting(other);
    assertThat(waiters.anyWaitingOutside("slow")).as("it got its slot").isFalse();
  }

  @Test
  void aWokenBackendsClaimEndsWhenItIsReconciledWhateverItFinds() {
    BackendKey other = new BackendKey("team-a", "bao");
    waiters.waitForSlot(other);
    waiters.wakeNextOutside("slow");
    assertThat(waiters.anyWaitingOutside("slow")).isTrue();

    waiters.back(other);

    assertThat(waiters.anyWaitingOutside("slow"))
        .as("an invalid spec, say, ends its reconcile before any slot is asked for")
        .isFalse();
    waiters.waitForSlot(other);
    assertThat(waiters.anyWaitingOutside("slow")).as("counted once when it waits again").isTrue();
    waiters.stopWaiting(other);
    assertThat(waiters.anyWaitingOutside("slow")).isFalse();
  }

  @Test
  void aBackendThatGotASlotOrWasDeletedIsNotWoken() {
    BackendKey a = new BackendKey("team-a", "bao");
    waiters.waitForSlot(a);
    waiters.stopWaiting(a);

    waiters.wakeNext();

    assertThat(woken).isEmpty();
  }

  @Test
  void everyRotationThatEndsWakesTheNextWaiterThroughTheLimiter() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
    RotationLimiter limiter = new RotationLimiter(clock, 1, 1000);
    limiter.whenASlotFrees(waiters::wakeNext);
    BackendKey first = new BackendKey("team-a", "one");
    BackendKey second = new BackendKey("team-a", "two");
    RotationLimiter.Permit running = limiter.tryAcquire("team-a", false).orElseThrow();
    assertThat(limiter.tryAcquire("team-a", false)).isEmpty();
    waiters.waitForSlot(first);
    waiters.waitForSlot(second);

    running.close();
    running.close();

    assertThat(woken).as("one slot freed, one backend woken, once").containsExactly(first);
  }
}
