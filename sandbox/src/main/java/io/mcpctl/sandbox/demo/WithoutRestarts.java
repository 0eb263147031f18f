package io.mcpctl.sandbox.demo;

import io.mcpctl.sandbox.kube.ConsumerLoops;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@code restart: None} costs: after a rotation nobody restarts the env and subPath pods, the
 * operator keeps the previous token for them until {@code consumers.maxRevokeDelay}, then revokes
 * it with a Warning naming them, and from then on OpenBao refuses their token. The volume pod moves
 * by itself.
 */
final class WithoutRestarts implements Step {

  static final String MAX_REVOKE_DELAY = "15s";

  @Override
  public String title() {
    return "Without restarts: the revoke waits for the pods, then a Warning names those that fail";
  }

  @Override
  public void run(DemoRun run) {
    run.shell()
        .run(
            "kubectl",
            "patch",
            "secretbackend",
            DemoRun.BACKEND,
            "--type=merge",
            "-p",
            "{\"spec\":{\"openbao\":{\"auth\":{\"rotation\":{\"consumers\":{\"restart\":\"None\","
                + "\"maxRevokeDelay\":\""
                + MAX_REVOKE_DELAY
                + "\"}}}}}}")
        .succeeded();
    long refusedBefore = refused(run);
    run.shell().run("kubectl", "mcpctl", "rotate", "secretbackend", DemoRun.BACKEND).succeeded();
    run.shell()
        .run("kubectl", "mcpctl", "describe", "secretbackend", DemoRun.BACKEND)
        .succeeded()
        .printed("still hold the previous token");
    run.transcript()
        .note(
            "the previous token stays valid for them until maxRevokeDelay ("
                + MAX_REVOKE_DELAY
                + ") ends; waiting for the operator's Warning ...");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!run.backend().eventReasons().contains("PreviousTokenRevokedInUse")) {
      if (Instant.now().isAfter(deadline)) {
        throw new StepFailed(
            "The operator did not revoke the held token within a minute of maxRevokeDelay.");
      }
      pause();
    }
    while (refused(run) == refusedBefore && Instant.now().isBefore(deadline)) {
      pause();
    }
    run.shell()
        .run("kubectl", "get", "events", "--field-selector", "reason=PreviousTokenRevokedInUse")
        .succeeded()
        .printed("PreviousTokenRevokedInUse");
    List<ConsumerLoops.Counts> counts = run.kubernetes().api().consumers();
    long volumeRefused =
        counts.stream()
            .filter(consumer -> consumer.readsBy().equals("volume"))
            .mapToLong(ConsumerLoops.Counts::rejected)
            .sum();
    long othersRefused = refused(run) - refusedBefore - volumeRefused;
    run.transcript()
        .note(
            "since then OpenBao refused "
                + othersRefused
                + " requests of the env and subPath pods that kept the revoked token, and "
                + volumeRefused
                + " of the volume pod: restart: Rollout (or restarting them by hand) avoids this");
    if (othersRefused == 0 || volumeRefused > 0) {
      throw new StepFailed(
          "Expected refusals for the env and subPath pods only; saw "
              + othersRefused
              + " for them and "
              + volumeRefused
              + " for the volume pod.");
    }
  }

  private static long refused(DemoRun run) {
    return run.kubernetes().api().consumers().stream()
        .mapToLong(ConsumerLoops.Counts::rejected)
        .sum();
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailed("Interrupted while waiting for the operator.");
    }
  }
}
