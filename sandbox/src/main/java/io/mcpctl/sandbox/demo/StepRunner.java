package io.mcpctl.sandbox.demo;

import io.mcpctl.time.GoDuration;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Runs the steps in order, each under a numbered heading, and stops at the first that fails. */
final class StepRunner {

  private final Transcript transcript;
  private final PrintWriter err;
  private final Clock clock;

  StepRunner(Transcript transcript, PrintWriter err, Clock clock) {
    this.transcript = transcript;
    this.err = err;
    this.clock = clock;
  }

  /** Returns whether every step did what it should. */
  boolean run(List<Step> steps, DemoRun run) {
    Instant started = clock.instant();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String name = "step " + (i + 1) + "/" + steps.size() + " (" + step.title() + ")";
      transcript.heading(
          "[" + (i + 1) + "/" + steps.size() + "] " + step.title() + "   +" + elapsed(started));
      try {
        step.run(run);
      } catch (StepFailed failed) {
        return failed(name, failed.getMessage());
      } catch (RuntimeException unexpected) {
        return failed(name, unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage());
      }
    }
    transcript.line("");
    transcript.line(
        "Demo finished in "
            + elapsed(started)
            + ": all "
            + steps.size()
            + " steps did what they should.");
    return true;
  }

  private boolean failed(String step, String message) {
    err.println();
    err.println("Demo FAILED at " + step + ": " + message);
    err.flush();
    return false;
  }

  private String elapsed(Instant started) {
    return GoDuration.format(
        Duration.ofSeconds(Duration.between(started, clock.instant()).toSeconds()));
  }
}
