package io.mcpctl.sandbox.demo;

import io.mcpctl.api.v1alpha1.TokenMeta;
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
}
