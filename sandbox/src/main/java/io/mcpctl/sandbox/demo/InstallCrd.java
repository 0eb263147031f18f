package io.mcpctl.sandbox.demo;

/** The SecretBackend CRD goes in before the operator that watches it, as Helm installs it. */
final class InstallCrd implements Step {

  @Override
  public String title() {
    return "Install the SecretBackend CRD";
  }

  @Override
  public void run(DemoRun run) {
    run.shell()
        .run("kubectl", "apply", "-f", "crds/")
        .succeeded()
        .printed("customresourcedefinition.apiextensions.k8s.io/secretbackends.mcpctl.io created");
  }
}
