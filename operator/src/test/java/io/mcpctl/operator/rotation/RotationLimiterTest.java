package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.sandbox.openbao.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationLimiterTest {

  private static final String NAMESPACE = "team-a";

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

  @Test
  void whileAnotherNamespaceWaitsOneNamespaceHoldsHalfTheSlots() {
    RotationLimiter limiter = new RotationLimiter(clock, 4, 100);
    limiter.tryAcquire("slow", true).orElseThrow();
    RotationLimiter.Permit second = limiter.tryAcquire("slow", true).orElseThrow();

    assertThat(limiter.tryAcquire("slow", true)).as("a third while team-a waits").isEmpty();
    assertThat(limiter.leavesASlotToOthers("slow")).isTrue();
    assertThat(limiter.tryAcquire(NAMESPACE, true)).as("team-a's turn").isPresent();
    assertThat(limiter.tryAcquire("slow", false))
        .as("the last slot, once no other namespace waits")
        .isPresent();
    assertThat(limiter.leavesASlotToOthers("slow")).as("no slot is left").isFalse();
    second.close();
    assertThat(limiter.tryAcquire("slow", true)).as("back at its share").isEmpty();
  }

  @Test
  void whileAnotherNamespaceWaitsOneNamespaceHoldsHalfTheRateWhenTheRateIsLower() {
    RotationLimiter limiter = new RotationLimiter(clock, 4, 2);
    limiter.tryAcquire("slow", true).orElseThrow();

    assertThat(limiter.tryAcquire("slow", true))
        .as("a second would spend the whole rate while team-a waits")
        .isEmpty();
    assertThat(limiter.leavesASlotToOthers("slow")).isTrue();
    assertThat(limiter.tryAcquire(NAMESPACE, true)).as("team-a's turn").isPresent();
  }

  @Test
  void twoNamespacesAtTheirShareOfAnOddNumberLeaveNoSlotThatNeitherMayTake() {
    RotationLimiter limiter = new RotationLimiter(clock, 3, 100);
    limiter.tryAcquire("slow", true).orElseThrow();
    limiter.tryAcquire("slow", true).orElseThrow();
    assertThat(limiter.tryAcquire("slow", true)).as("two of three is its share").isEmpty();

    assertThat(limiter.tryAcquire(NAMESPACE, true)).isPresent();

    assertThat(limiter.atCapacity()).isTrue();
    assertThat(limiter.leavesASlotToOthers("slow")).isFalse();
    assertThat(limiter.leavesASlotToOthers(NAMESPACE)).isFalse();
  }

  @Test
  void aNamespaceAloneMayUseEverySlot() {
    RotationLimiter limiter = new RotationLimiter(clock, 3, 100);

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire(NAMESPACE, false)).isPresent();
    }
    assertThat(limiter.tryAcquire(NAMESPACE, false)).isEmpty();
    assertThat(limiter.leavesASlotToOthers(NAMESPACE)).isFalse();
  }

  @Test
  void oneSlotIsAShareOfOne() {
    RotationLimiter limiter = new RotationLimiter(clock, 1, 100);

    assertThat(limiter.tryAcquire(NAMESPACE, true)).isPresent();
    assertThat(limiter.tryAcquire("other", true)).isEmpty();
  }

  @Test
  void noMoreRotationsRunAtOnceThanAllowed() {
    RotationLimiter limiter = new RotationLimiter(clock, 2, 100);

    Optional<RotationLimiter.Permit> first = limiter.tryAcquire(NAMESPACE, false);
    Optional<RotationLimiter.Permit> second = limiter.tryAcquire(NAMESPACE, false);

    assertThat(first).isPresent();
    assertThat(second).isPresent();
    assertThat(limiter.tryAcquire(NAMESPACE, false)).as("a third at once").isEmpty();
    // Until a rotation has been timed, one is taken to last 200 ms: a slot frees every 100 ms.
    assertThat(limiter.waitHint()).isEqualTo(Duration.ofMillis(100));
    assertThat(limiter.waitHint())
        .as("the next caller refused meanwhile")
        .isEqualTo(Duration.ofMillis(200));
    first.get().close();
    assertThat(limiter.tryAcquire(NAMESPACE, false)).as("after one finished").isPresent();
    assertThat(limiter.peakRunning()).isEqualTo(2);
  }

  @Test
  void noMoreRotationsStartInASecondThanAllowed() {
    RotationLimiter limiter = new RotationLimiter(clock, 10, 2);
    limiter.tryAcquire(NAMESPACE, false).orElseThrow().close();
    clock.advance(Duration.ofMillis(400));
    limiter.tryAcquire(NAMESPACE, false).orElseThrow().close();

    assertThat(limiter.tryAcquire(NAMESPACE, false))
        .as("a third start within the second")
        .isEmpty();
    assertThat(limiter.waitHint()).isEqualTo(Duration.ofMillis(601));
    // Two instant rotations bring the typical one to 128 ms; each holds its place 1.128 s.
    assertThat(limiter.waitHint())
        .as("the next caller refused in that second")
        .isEqualTo(Duration.ofMillis(601 + 564));

    clock.advance(Duration.ofMillis(601));
    assertThat(limiter.tryAcquire(NAMESPACE, false))
        .as("once the first rotation ended a second ago")
        .isPresent();
  }

  @Test
  void aRotationCountsAgainstTheRateUntilASecondAfterItEnds() {
    RotationLimiter limiter = new RotationLimiter(clock, 10, 2);
    RotationLimiter.Permit longRunning = limiter.tryAcquire(NAMESPACE, false).orElseThrow();
    clock.advance(Duration.ofMillis(1500));
    limiter.tryAcquire(NAMESPACE, false).orElseThrow();
    assertThat(limiter.tryAcquire(NAMESPACE, false))
        .as("both still running, though the first started long ago")
        .isEmpty();

    longRunning.close(); // its mint may have reached OpenBao just now
    clock.advance(Duration.ofMillis(999));
    assertThat(limiter.tryAcquire(NAMESPACE, false)).as("within a second of the end").isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire(NAMESPACE, false)).as("a second after the end").isPresent();
  }

  @Test
  void aCallerRefusedByTheRateWhileAllRunIsToldToWaitBeyondTheirEnd() {
    RotationLimiter limiter = new RotationLimiter(clock, 10, 1);
    limiter.tryAcquire(NAMESPACE, false).orElseThrow();

    assertThat(limiter.tryAcquire(NAMESPACE, false)).isEmpty();
    assertThat(limiter.waitHint())
        .as("the assumed 200 ms rotation, then a second")
        .isEqualTo(Duration.ofMillis(1200));
  }

  @Test
  void theTurnsFollowHowLongRotationsTake() {
    RotationLimiter limiter = new RotationLimiter(clock, 1, 100);
    RotationLimiter.Permit quick = limiter.tryAcquire(NAMESPACE, false).orElseThrow();
    clock.advance(Duration.ofMillis(50));
    quick.close();
    limiter.tryAcquire(NAMESPACE, false).orElseThrow();

    assertThat(limiter.tryAcquire(NAMESPACE, false)).isEmpty();
    // A moving average: 200 ms weighted four to one against the 50 ms just taken.
    assertThat(limiter.waitHint()).isEqualTo(Duration.ofMillis(170));
  }

  @Test
  void slowRotationsSpaceTheTurnsNoWiderThanTheLongestAssumed() {
    RotationLimiter limiter = new RotationLimiter(clock, 1, 100);
    RotationLimiter.Permit slow = limiter.tryAcquire(NAMESPACE, false).orElseThrow();
    clock.advance(Duration.ofMillis(1200));
    slow.close();
    limiter.tryAcquire(NAMESPACE, false).orElseThrow();

    assertThat(limiter.waitHint()).isEqualTo(RotationLimiter.LONGEST_ROTATION_ASSUMED);
  }

  @Test
  void turnsAreSpacedByTheCurrentPaceBehindThosePending() {
    RotationLimiter limiter = new RotationLimiter(clock, 1, 100);
    RotationLimiter.Permit first = limiter.tryAcquire(NAMESPACE, false).orElseThrow();
    assertThat(limiter.waitHint()).isEqualTo(Duration.ofMillis(200));
    assertThat(limiter.waitHint()).isEqualTo(Duration.ofMillis(400));
    first.close(); // took no time: a typical rotation now lasts 160 ms
    limiter.tryAcquire(NAMESPACE, false).orElseThrow();

    assertThat(limiter.waitHint())
        .as("behind the two turns pending, at the new pace")
        .isEqualTo(Duration.ofMillis(480));
    clock.advance(Duration.ofMillis(450));
    assertThat(limiter.waitHint())
        .as("turns gone by no longer count")
        .isEqualTo(Duration.ofMillis(320));
  }

  @Test
  void atCapacityWhenEverySlotIsTakenNotWhenOnlyTheRateIsSpent() {
    RotationLimiter rateSpent = new RotationLimiter(clock, 2, 1);
    rateSpent.tryAcquire(NAMESPACE, false).orElseThrow().close();
    assertThat(rateSpent.tryAcquire(NAMESPACE, false)).as("the rate is spent").isEmpty();
    assertThat(rateSpent.atCapacity()).isFalse();

    RotationLimiter slotsTaken = new RotationLimiter(clock, 2, 100);
    RotationLimiter.Permit first = slotsTaken.tryAcquire(NAMESPACE, false).orElseThrow();
    assertThat(slotsTaken.atCapacity()).as("one of two slots taken").isFalse();
    slotsTaken.tryAcquire(NAMESPACE, false).orElseThrow();
    assertThat(slotsTaken.atCapacity()).isTrue();
    first.close();
    assertThat(slotsTaken.atCapacity()).as("after one finished").isFalse();
  }

  @Test
  void closingAPermitTwiceFreesOneSlot() {
    RotationLimiter limiter = new RotationLimiter(clock, 1, 100);
    RotationLimiter.Permit permit = limiter.tryAcquire(NAMESPACE, false).orElseThrow();

    permit.close();
    permit.close();

    assertThat(limiter.running()).isZero();
  }

  @Test
  void limitsBelowOneAreRefusedWithAnExplanation() {
    assertThatThrownBy(() -> new RotationLimiter(clock, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
