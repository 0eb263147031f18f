package io.mcpctl.sandbox.demo;

import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.TokenHealth;
import java.time.Duration;

/** OpenBao back: the operator's next check finds the token working again. */
final class UnsealOpenBao implements Step {

  /** Long enough for a rotation that failed while sealed to be retried after its back-off. */
  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(120);

  @Override
  public String title() {
    return "Unseal OpenBao: the backend recovers";
  }

  @Override
  public void run(DemoRun run) {
    OpenBaoAdmin openBao = run.openBao();
    run.transcript().note(openBao.asCurl("unseal"));
    openBao.unseal();
    run.backend()
        .await(
            "Ready=True and a healthy token again",
            RECOVERY_TIMEOUT,
            backend ->
                BackendWatch.readyIs(backend, "True", ReadyReasons.TOKEN_VALID)
                    && BackendWatch.tokenMeta(backend).getHealth() == TokenHealth.HEALTHY);
    run.shell()
        .run("kubectl", "mcpctl", "describe", "secretbackend", DemoRun.BACKEND)
        .succeeded()
        .printed("True, " + ReadyReasons.TOKEN_VALID)
        .printed("HEALTHY");
  }
}
