package io.mcpctl.sandbox.demo;

import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A rotation on demand: the plugin asks through an annotation and waits for the operator. */
final class RotateNow implements Step {

  @Override
  public String title() {
    return "Rotate now, then describe the backend with the new timestamps";
  }

  @Override
  public void run(DemoRun run) {
    String before = BackendWatch.tokenMeta(run.backend().current()).getLastRotationAt();
    // Status times have whole seconds and a forced rotation no longer waits for the previous
    // token's grace period: asked in the second of the scheduled rotation, it would record the
    // same time. Ask in the next second at the earliest.
    Rfc3339.parse(before).ifPresent(RotateNow::awaitTheSecondAfter);
    run.shell().run("kubectl", "mcpctl", "rotate", "secretbackend", DemoRun.BACKEND).succeeded();
    TokenMeta after = BackendWatch.tokenMeta(run.backend().current());
    if (after.getLastRotationAt() == null
        || Objects.equals(after.getLastRotationAt(), before)
        || after.getHandledRotateRequest() == null) {
      throw new StepFailed(
          "The rotate command succeeded, but the status shows last rotation "
              + after.getLastRotationAt()
              + " (before: "
              + before
              + ") and handled request "
              + after.getHandledRotateRequest()
              + ".");
    }
    run.shell()
        .run("kubectl", "mcpctl", "describe", "secretbackend", DemoRun.BACKEND)
        .succeeded()
        .printed("HEALTHY")
        .printed(after.getLastRotationAt())
        .printed(after.getNextRotationAt());
  }

  private static void awaitTheSecondAfter(Instant time) {
    long wait = Duration.between(Instant.now(), time.plusSeconds(1)).toMillis();
    if (wait <= 0) {
      return;
    }
    try {
      Thread.sleep(Math.min(wait, 1_000));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new StepFailed("Interrupted while waiting to ask for a rotation.");
    }
  }
}
