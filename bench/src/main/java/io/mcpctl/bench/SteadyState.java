package io.mcpctl.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How the next rotations of backends rotated together spread over time: the histogram of their
 * {@code nextRotationAt}, which the jitter (rolled once per switch) should flatten.
 */
final class SteadyState {

  private static final long BUCKET_MILLIS = Duration.ofMinutes(1).toMillis();

  private SteadyState() {}

  static void report(List<Instant> nextRotations, Report report) {
    String section = "steady state, " + nextRotations.size() + " backends";
    long first = Collections.min(nextRotations).toEpochMilli();
    long last = Collections.max(nextRotations).toEpochMilli();
    long origin = first - first % BUCKET_MILLIS;
    List<Integer> perMinute =
        Timeline.histogram(
            nextRotations.stream().map(Instant::toEpochMilli).toList(), origin, BUCKET_MILLIS);
    int peakSecond =
        Timeline.maxInWindow(
            nextRotations.stream().map(at -> at.toEpochMilli() * 1_000_000).toList(),
            Duration.ofSeconds(1));
    report.info(
        section,
        "next rotations spread over",
        String.format(
            Locale.ROOT,
            "%.1f min (jitter ±%s)",
            (last - first) / 60_000.0,
            Fleet.ROTATION_JITTER));
    report.info(
        section,
        "most next rotations in one minute / one second",
        Collections.max(perMinute) + " / " + peakSecond);

    int widest = Collections.max(perMinute);
    StringBuilder text =
        new StringBuilder(
            "Histogram of `nextRotationAt` for the "
                + nextRotations.size()
                + " backends of the 1,000 catch-up, per minute from "
                + Instant.ofEpochMilli(origin)
                + ":\n\n```\n");
    for (int minute = 0; minute < perMinute.size(); minute++) {
      int count = perMinute.get(minute);
      text.append(String.format(Locale.ROOT, "+%3d min %5d ", minute, count))
          .append("#".repeat((int) Math.round(40.0 * count / widest)))
          .append('\n');
    }
    text.append("```");
    report.note(text.toString());
  }
}
