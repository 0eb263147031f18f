package io.mcpctl.sandbox.demo;

import java.util.List;

/** The migrate command the wizard printed, pasted verbatim, then the secrets listed on bao. */
final class MigrateSecrets implements Step {

  @Override
  public String title() {
    return "Paste the migrate command the wizard printed, then list the secrets on bao";
  }

  @Override
  public void run(DemoRun run) {
    run.transcript().note("the wizard said how to move the secrets of the previous default:");
    run.shell().run(ShellWords.split(run.migrateCommand())).succeeded();
    List<String> left =
        run.secretsOnKubernetesStore("default").stream()
            .filter(DemoRun.MCP_SECRETS::contains)
            .toList();
    if (!left.isEmpty()) {
      throw new StepFailed("The migration left " + left + " on the default backend.");
    }
    CommandResult list =
        run.shell()
            .run("kubectl", "mcpctl", "list", "secrets", "--backend", DemoRun.BACKEND)
            .succeeded();
    DemoRun.MCP_SECRETS.forEach(list::printed);
  }
}
