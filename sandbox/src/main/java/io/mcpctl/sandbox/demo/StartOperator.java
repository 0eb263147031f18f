package io.mcpctl.sandbox.demo;

import io.mcpctl.sandbox.OperatorComponent;
import io.mcpctl.sandbox.chart.ChartIdentity;
import io.mcpctl.time.GoDuration;
import java.util.List;

/** The operator as its own process, as it runs in a cluster. */
final class StartOperator implements Step {

  @Override
  public String title() {
    return "Start the operator as its own process";
  }

  @Override
  public void run(DemoRun run) {
    OperatorComponent operator =
        run.start(
            new OperatorComponent(
                run.operatorJar(),
                DemoRun.HEALTH_CHECK_INTERVAL,
                run.kubernetes(),
                ChartIdentity.render(run.chart(), List.of())));
    run.sandbox().markReady();
    run.transcript().note("java -jar " + run.operatorJar() + " --leader-election=false ...");
    run.transcript()
        .note(
            "it runs as "
                + operator.user()
                + ", under the RBAC the Helm chart renders (helm template, then applied)");
    run.transcript().note(operator.describe() + "; /readyz answers, so it reconciles");
    run.transcript()
        .note(
            "it looks each token up every "
                + GoDuration.format(DemoRun.HEALTH_CHECK_INTERVAL)
                + " here (1h by default), so that a sealed OpenBao shows at once");
  }
}
