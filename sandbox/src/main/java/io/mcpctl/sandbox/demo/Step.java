package io.mcpctl.sandbox.demo;

/** One step of the story: does what a person would, then checks that it did what it should. */
interface Step {

  /** What the step shows, as its heading. */
  String title();

  /**
   * @throws StepFailed when the outcome is not what the step expects
   */
  void run(DemoRun run);
}
