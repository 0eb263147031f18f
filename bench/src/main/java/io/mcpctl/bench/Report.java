package io.mcpctl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The figures of one run: a table of measures against their goals, and notes below it. */
final class Report {

  /** Whether a goal is met; a measure without a goal is shown as information. */
  enum Verdict {
    HOLDS("holds"),
    FAILS("does not hold"),
    INFO("—");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }
  }

  /**
   * One measure.
   *
   * @param goal the bound in words, e.g. "≤ 5"
   * @param ratio measured value divided by the bound, when the bound is a number
   */
  record Row(
      String section,
      String measure,
      String value,
      String goal,
      Optional<Double> ratio,
      Verdict verdict) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** A measure held against an upper bound: holds when {@code value ≤ bound}. */
  void atMost(String section, String measure, double value, String unit, double bound) {
    Optional<Double> ratio = bound == 0 ? Optional.empty() : Optional.of(value / bound);
    rows.add(
        new Row(
            section,
            measure,
            number(value) + unit,
            "≤ " + number(bound) + unit,
            ratio,
            value <= bound ? Verdict.HOLDS : Verdict.FAILS));
  }

  void info(String section, String measure, String value) {
    rows.add(new Row(section, measure, value, "", Optional.empty(), Verdict.INFO));
  }

  void note(String text) {
    notes.add(text);
  }

  String markdown() {
    StringBuilder text = new StringBuilder();
    text.append("| section | measure | value | goal | ratio to bound | verdict |\n");
    text.append("| --- | --- | --- | --- | --- | --- |\n");
    for (Row row : rows) {
      text.append("| ")
          .append(row.section())
          .append(" | ")
          .append(row.measure())
          .append(" | ")
          .append(row.value())
          .append(" | ")
          .append(row.goal())
          .append(" | ")
          .append(row.ratio().map(ratio -> String.format(Locale.ROOT, "%.2f×", ratio)).orElse(""))
          .append(" | ")
          .append(row.verdict().text)
          .append(" |\n");
    }
    for (String note : notes) {
      text.append('\n').append(note).append('\n');
    }
    return text.toString();
  }

  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(
        Locale.ROOT,
        Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.3f",
        value);
  }
}
