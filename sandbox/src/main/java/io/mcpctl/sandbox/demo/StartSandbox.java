package io.mcpctl.sandbox.demo;

import io.mcpctl.sandbox.KubernetesComponent;
import io.mcpctl.sandbox.OpenBaoComponent;

/** The cluster and the OpenBao, both in this process on loopback. */
final class StartSandbox implements Step {

  @Override
  public String title() {
    return "Start the sandbox: an embedded Kubernetes API and an OpenBao stand-in on loopback";
  }

  @Override
  public void run(DemoRun run) {
    Transcript transcript = run.transcript();
    KubernetesComponent kubernetes = run.start(new KubernetesComponent(0));
    run.kubernetesStarted(kubernetes);
    transcript.note(kubernetes.describe() + "; its kubeconfig is " + run.directory().kubeconfig());
    OpenBaoComponent openBao = run.start(new OpenBaoComponent(0, false));
    run.openBaoStarted(openBao.address());
    transcript.note(
        openBao.describe()
            + "; its root token is in "
            + run.directory().adminToken()
            + " (readable by you only)");
    transcript.note(
        "the commands below run with KUBECONFIG="
            + run.directory().kubeconfig()
            + " and the kubectl-mcpctl plugin first on PATH");
  }
}
