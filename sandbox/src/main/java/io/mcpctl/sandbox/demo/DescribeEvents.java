package io.mcpctl.sandbox.demo;

/** kubectl's own describe: the status and the events the operator recorded on the way. */
final class DescribeEvents implements Step {

  /** The first rotation after the wizard, the scheduled one and the one on demand. */
  private static final int ROTATIONS = 3;

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
    String events = describe.stdout().substring(describe.stdout().indexOf("Events:"));
    long rotated = events.lines().filter(line -> line.contains("Rotated")).count();
    if (rotated < ROTATIONS) {
      throw new StepFailed(
          "kubectl describe shows "
              + rotated
              + " Rotated events; expected at least "
              + ROTATIONS
              + ".");
    }
  }
}
