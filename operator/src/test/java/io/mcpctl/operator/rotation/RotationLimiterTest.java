package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.sandbox.openbao.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationLimiterTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

  @Test
  void noMoreRotationsRunAtOnceThanAllowed() {
    RotationLimiter limiter = new RotationLimiter(clock, 2, 100);

    Optional<RotationLimiter.Permit> first = limiter.tryAcquire();
    Optional<RotationLimiter.Permit> second = limiter.tryAcquire();

    assertThat(first).isPresent();
    assertThat(second).isPresent();
    assertThat(limiter.tryAcquire()).as("a third at once").isEmpty();
    assertThat(limiter.waitHint()).isEqualTo(Duration.ofSeconds(1));
    first.get().close();
    assertThat(limiter.tryAcquire()).as("after one finished").isPresent();
    assertThat(limiter.peakRunning()).isEqualTo(2);
  }

  @Test
  void noMoreRotationsStartInASecondThanAllowed() {
    RotationLimiter limiter = new RotationLimiter(clock, 10, 2);
    limiter.tryAcquire().orElseThrow().close();
    clock.advance(Duration.ofMillis(400));
    limiter.tryAcquire().orElseThrow().close();

    assertThat(limiter.tryAcquire()).as("a third start within the second").isEmpty();
    assertThat(limiter.waitHint()).isEqualTo(Duration.ofMillis(601));

    clock.advance(Duration.ofMillis(601));
    assertThat(limiter.tryAcquire()).as("once the first start is a second old").isPresent();
  }

  @Test
  void closingAPermitTwiceFreesOneSlot() {
    RotationLimiter limiter = new RotationLimiter(clock, 1, 100);
    RotationLimiter.Permit permit = limiter.tryAcquire().orElseThrow();

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
