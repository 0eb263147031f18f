package io.mcpctl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.bench.Timeline.Interval;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

  @Test
  void overlappingRequestsCountTogetherAndBackToBackOnesDoNot() {
    List<Interval> intervals =
        List.of(
            new Interval(0, 10),
            new Interval(5, 15),
            new Interval(8, 9),
            new Interval(15, 20),
            new Interval(20, 30));

    assertThat(Timeline.peakConcurrency(intervals)).isEqualTo(3);
  }

  @Test
  void noRequestsMeanNoConcurrency() {
    assertThat(Timeline.peakConcurrency(List.of())).isZero();
  }

  @Test
  void theBusiestSecondIsFoundWhereverItStarts() {
    long second = Duration.ofSeconds(1).toNanos();
    List<Long> instants =
        List.of(0L, second / 2, second - 1, second, second + second / 4, 3 * second);

    assertThat(Timeline.maxInWindow(instants, Duration.ofSeconds(1))).isEqualTo(4);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Timeline.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Timeline.median(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
  }

  @Test
  void theHistogramCountsPerBucketFromTheOrigin() {
    assertThat(Timeline.histogram(List.of(100L, 159L, 160L, 340L), 100, 60))
        .containsExactly(2, 1, 0, 0, 1);
  }

  @Test
  void aValueBeforeTheOriginIsRefused() {
    assertThatThrownBy(() -> Timeline.histogram(List.of(5L), 10, 60))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
