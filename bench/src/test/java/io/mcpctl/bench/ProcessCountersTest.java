package io.mcpctl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

class ProcessCountersTest {

  @Test
  void cpuThisThreadBurnsShowsUpAsUserTime() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ProcessCounters before = ProcessCounters.now();
    long start = threads.getCurrentThreadCpuTime();
    long sink = 0;
    // Reading the thread's CPU time is a system call: a million steps of arithmetic between two
    // reads keep the burn in user space.
    while (threads.getCurrentThreadCpuTime() - start < 300_000_000L) {
      for (int step = 0; step < 1_000_000; step++) {
        sink += Long.numberOfTrailingZeros(sink + step) ^ step;
      }
    }
    ProcessCounters after = ProcessCounters.now();

    // 300 ms of this thread's CPU is 30 ticks; the field read wrongly (a start time, a page
    // count) would not move by a value in that range.
    long ticks =
        (after.userTicks() + after.systemTicks()) - (before.userTicks() + before.systemTicks());
    assertThat(ticks).as("ticks for %d", sink).isBetween(25L, 1000L);
    assertThat(after.userTicks() - before.userTicks()).isGreaterThanOrEqualTo(20L);
    assertThat(after.contextSwitches()).isGreaterThan(0L);
  }

  @Test
  void perUnitFiguresDivideTheDifferenceByTheCount() {
    ProcessCounters before = new ProcessCounters(100, 50, 1_000);
    ProcessCounters after = new ProcessCounters(300, 70, 3_000);

    assertThat(after.perUnitSince(before, 100))
        .isEqualTo("user-ms=20.00 system-ms=2.00 context-switches-per-rotation=20.0");
  }
}
