package io.mcpctl.sandbox.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** kubectl's own describe: the status and the events the operator recorded on the way. */
final class DescribeEvents implements Step {

  /** The first rotation after the wizard, the scheduled one and the one on demand. */
  private static final int ROTATIONS = 3;

  private static final Pattern REPEATED = Pattern.compile("\\(x(\\d+)");

  @Override
  public String title() {
    return "kubectl describe sb bao: the status and the operator's events";
  }

  @Override
  public void run(DemoRun run) {
    CommandResult describe =
        run.shell()
            .run("kubectl", "describe", "sb", DemoRun.BACKEND)
            .succeeded()
            .printed("Events:");
    long rotated = rotations(describe.stdout().substring(describe.stdout().indexOf("Events:")));
    if (rotated < ROTATIONS) {
      throw new StepFailed(
          "kubectl describe shows "
              + rotated
              + " Rotated events; expected at least "
              + ROTATIONS
              + ".");
    }
  }

  /**
   * How many rotations the Events table records: kubectl collapses events with the same message
   * into one row ({@code 6s (x2 over 11s)}), which two rotations that rolled the same next time
   * produce.
   */
  static long rotations(String eventsTable) {
    return eventsTable
        .lines()
        .filter(line -> line.contains("Rotated"))
        .mapToLong(
            line -> {
              Matcher repeated = REPEATED.matcher(line);
              return repeated.find() ? Long.parseLong(repeated.group(1)) : 1;
            })
        .sum();
  }
}
