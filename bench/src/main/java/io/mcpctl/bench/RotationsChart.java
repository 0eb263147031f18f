package io.mcpctl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's "Rotations and failures" panel drawn as an SVG from samples of the operator's
 * cumulative counters: per bucket, the increase of successful and failed rotations as stacked bars,
 * as Grafana draws {@code sum by (result) (increase(mcpctl_secretbackend_rotations_total[…]))}.
 * Plain SVG text, so the picture in docs/ is reproducible without a browser.
 */
final class RotationsChart {

  /** The counters as scraped {@code secondsIn} after the run started. */
  record Sample(double secondsIn, double successes, double failures) {}

  /** What one bar shows: rotations that started within {@code [from, from + width)} seconds. */
  record Bar(double fromSecond, double successes, double failures) {}

  private static final int WIDTH = 960;
  private static final int HEIGHT = 360;
  private static final int LEFT = 56;
  private static final int RIGHT = 24;
  private static final int TOP = 48;
  private static final int BOTTOM = 64;
  private static final String SUCCESS = "#56a64b";
  private static final String FAILURE = "#e02f44";

  private RotationsChart() {}

  /**
   * The increase of each counter per bucket of {@code bucketSeconds}: the difference between the
   * last sample at or before the bucket's end and the last at or before its start.
   */
  static List<Bar> bars(List<Sample> samples, double bucketSeconds) {
    List<Bar> bars = new ArrayList<>();
    if (samples.isEmpty()) {
      return bars;
    }
    double end = samples.get(samples.size() - 1).secondsIn();
    for (double from = 0; from < end; from += bucketSeconds) {
      Sample before = lastAtOrBefore(samples, from);
      Sample after = lastAtOrBefore(samples, Math.min(from + bucketSeconds, end));
      bars.add(
          new Bar(
              from, after.successes() - before.successes(), after.failures() - before.failures()));
    }
    return bars;
  }

  private static Sample lastAtOrBefore(List<Sample> samples, double second) {
    Sample found = new Sample(0, 0, 0);
    for (Sample sample : samples) {
      if (sample.secondsIn() <= second) {
        found = sample;
      }
    }
    return found;
  }

  /**
   * The SVG: stacked bars, a y axis with whole-number ticks, the time along x in minutes, a legend,
   * and {@code caption} (how the data was made) under the plot.
   */
  static String svg(List<Bar> bars, double bucketSeconds, String title, String caption) {
    double most =
        bars.stream().mapToDouble(bar -> bar.successes() + bar.failures()).max().orElse(1);
    int top = (int) Math.max(1, Math.ceil(most));
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double perBar = plotWidth / Math.max(1, bars.size());
    StringBuilder svg = new StringBuilder();
    svg.append(
        format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
            WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"#181b1f\"/>\n", WIDTH, HEIGHT));
    svg.append(
        format(
            "<text x=\"%d\" y=\"24\" fill=\"#d8d9da\" font-size=\"15\">%s</text>\n",
            LEFT, escape(title)));
    int step = Math.max(1, top / 5);
    for (int tick = 0; tick <= top; tick += step) {
      double y = TOP + plotHeight - plotHeight * tick / top;
      svg.append(
          format(
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#2c3235\"/>\n",
              LEFT, y, WIDTH - RIGHT, y));
      svg.append(
          format(
              "<text x=\"%d\" y=\"%.1f\" fill=\"#9fa7b3\" text-anchor=\"end\">%d</text>\n",
              LEFT - 8, y + 4, tick));
    }
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double x = LEFT + i * perBar + perBar * 0.1;
      double width = perBar * 0.8;
      double successHeight = plotHeight * bar.successes() / top;
      double failureHeight = plotHeight * bar.failures() / top;
      double base = TOP + plotHeight;
      svg.append(rect("success", x, base - successHeight, width, successHeight, SUCCESS));
      svg.append(
          rect("failure", x, base - successHeight - failureHeight, width, failureHeight, FAILURE));
      if (i % Math.max(1, (int) Math.round(60 / bucketSeconds)) == 0) {
        svg.append(
            format(
                "<text x=\"%.1f\" y=\"%d\" fill=\"#9fa7b3\" text-anchor=\"middle\">%s</text>\n",
                LEFT + i * perBar, TOP + (int) plotHeight + 18, minutes(bar.fromSecond())));
      }
    }
    int legendY = HEIGHT - 22;
    svg.append(legend(LEFT, legendY, SUCCESS, "rotation success"));
    svg.append(legend(LEFT + 150, legendY, FAILURE, "rotation failure"));
    svg.append(
        format(
            "<text x=\"%d\" y=\"%d\" fill=\"#9fa7b3\" font-size=\"11\">%s</text>\n",
            LEFT + 300, legendY + 4, escape(caption)));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String rect(
      String series, double x, double y, double width, double height, String colour) {
    if (height <= 0) {
      return "";
    }
    return format(
        "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
        series, x, y, width, height, colour);
  }

  private static String legend(int x, int y, String colour, String label) {
    return format(
        "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
            + "<text x=\"%d\" y=\"%d\" fill=\"#d8d9da\">%s</text>\n",
        x, y - 6, colour, x + 18, y + 4, label);
  }

  private static String minutes(double seconds) {
    long whole = Math.round(seconds);
    return format("%d:%02d", whole / 60, whole % 60);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }
}
