package io.mcpctl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * This process's CPU, split into user and kernel time, and its threads' context switches, read from
 * {@code /proc}: a request that hops between threads costs kernel time and switches that a profiler
 * of Java frames does not see.
 */
record ProcessCounters(long userTicks, long systemTicks, long contextSwitches) {

  /** Linux's USER_HZ: /proc counts CPU in hundredths of a second. */
  private static final double MILLIS_PER_TICK = 10.0;

  static ProcessCounters now() {
    long[] ticks = userAndSystemTicks();
    return new ProcessCounters(ticks[0], ticks[1], liveThreadsContextSwitches());
  }

  /** What happened since {@code earlier}, per {@code count} units of work, as a log line. */
  String perUnitSince(ProcessCounters earlier, int count) {
    return String.format(
        java.util.Locale.ROOT,
        "user-ms=%.2f system-ms=%.2f context-switches-per-rotation=%.1f",
        MILLIS_PER_TICK * (userTicks - earlier.userTicks) / count,
        MILLIS_PER_TICK * (systemTicks - earlier.systemTicks) / count,
        (double) (contextSwitches - earlier.contextSwitches) / count);
  }

  private static long[] userAndSystemTicks() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // The fields after the command name, which may hold blanks and ends with ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    } catch (IOException unreadable) {
      return new long[] {0, 0};
    }
  }

  /** Of the threads alive now; one that ended took its count with it. */
  private static long liveThreadsContextSwitches() {
    long total = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.contains("ctxt_switches:")) {
              total += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
          }
        } catch (IOException threadEnded) {
          // Ended between the listing and the read: nothing more to count.
        }
      }
    } catch (IOException unreadable) {
      return 0;
    }
    return total;
  }
}
