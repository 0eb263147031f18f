package io.mcpctl.sandbox.demo;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Nobody asks: the operator rotates on its own when {@code nextRotationAt} comes. */
final class ScheduledRotation implements Step {

  /** Beyond the due time: the reconcile that rotates, on a busy machine. */
  private static final Duration SLACK = Duration.ofSeconds(60);

  static final String COLUMNS =
      "custom-columns=NAME:.metadata.name,LAST-ROTATION:.status.tokenMeta.lastRotationAt,"
          + "NEXT-ROTATION:.status.tokenMeta.nextRotationAt";

  @Override
  public String title() {
    return "Wait for the first scheduled rotation";
  }

  @Override
  public void run(DemoRun run) {
    run.shell().run("kubectl", "get", "sb", DemoRun.BACKEND, "-o", COLUMNS).succeeded();
    TokenMeta before = BackendWatch.tokenMeta(run.backend().current());
    Instant due =
        Rfc3339.parse(before.getNextRotationAt())
            .orElseThrow(() -> new StepFailed("The status shows no nextRotationAt."));
    Instant now = Instant.now();
    run.transcript()
        .note(
            "the operator rotates every "
                + DemoRun.ROTATION_INTERVAL
                + " ± "
                + run.backend().current().getSpec().getOpenbao().getAuth().getRotation().getJitter()
                + " (the wizard scales the jitter to the interval); the next rotation is due at "
                + before.getNextRotationAt()
                + " (in "
                + Math.max(0, Duration.between(now, due).toSeconds())
                + "s)");
    Duration timeout = (due.isAfter(now) ? Duration.between(now, due) : Duration.ZERO).plus(SLACK);
    SecretBackend after =
        run.backend()
            .await(
                "the scheduled rotation",
                timeout,
                backend -> {
                  String last = BackendWatch.tokenMeta(backend).getLastRotationAt();
                  return last != null && !Objects.equals(last, before.getLastRotationAt());
                });
    String rotatedAt = BackendWatch.tokenMeta(after).getLastRotationAt();
    run.shell()
        .run("kubectl", "get", "sb", DemoRun.BACKEND, "-o", COLUMNS)
        .succeeded()
        .printed(rotatedAt);
    run.transcript()
        .note("LAST-ROTATION moved from " + before.getLastRotationAt() + " to " + rotatedAt);
  }
}
