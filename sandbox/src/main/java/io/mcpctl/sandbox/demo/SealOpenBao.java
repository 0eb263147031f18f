package io.mcpctl.sandbox.demo;

import io.mcpctl.api.v1alpha1.ReadyReasons;
import java.time.Duration;

/** OpenBao sealed: the operator says so in Ready and in the token health. */
final class SealOpenBao implements Step {

  @Override
  public String title() {
    return "Seal OpenBao: Ready=False with reason Sealed, token health WARNING";
  }

  @Override
  public void run(DemoRun run) {
    OpenBaoAdmin openBao = run.openBao();
    run.transcript()
        .note("through the stand-in's admin API, as this would: " + openBao.asCurl("seal"));
    openBao.seal();
    run.backend()
        .await(
            "Ready=False with reason Sealed",
            Duration.ofSeconds(60),
            backend -> BackendWatch.readyIs(backend, "False", ReadyReasons.SEALED));
    run.shell().run("kubectl", "get", "sb").succeeded().showedRow(DemoRun.BACKEND, "Warning");
    run.shell()
        .run("kubectl", "mcpctl", "describe", "secretbackend", DemoRun.BACKEND)
        .succeeded()
        .printed("False, " + ReadyReasons.SEALED)
        .printed("WARNING");
  }
}
