package io.mcpctl.sandbox.demo;

import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.TokenHealth;
import java.time.Duration;

/**
 * The operator replaces the wizard's token as soon as it sees the backend (that token passed
 * through human hands), and {@code kubectl get sb} shows the backend healthy.
 */
final class ShowHealthy implements Step {

  @Override
  public String title() {
    return "kubectl get sb: the operator rotated the wizard's token, HEALTH is Healthy";
  }

  @Override
  public void run(DemoRun run) {
    run.backend()
        .await(
            "the operator's first rotation",
            Duration.ofSeconds(90),
            backend ->
                BackendWatch.observedLatestSpec(backend)
                    && BackendWatch.readyIs(backend, "True", ReadyReasons.TOKEN_VALID)
                    && BackendWatch.tokenMeta(backend).getHealth() == TokenHealth.HEALTHY
                    && BackendWatch.tokenMeta(backend).getLastRotationAt() != null);
    run.shell().run("kubectl", "get", "sb").succeeded().showedRow(DemoRun.BACKEND, "Healthy");
  }
}
