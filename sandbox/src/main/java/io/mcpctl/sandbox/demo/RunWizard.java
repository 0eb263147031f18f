package io.mcpctl.sandbox.demo;

import io.mcpctl.api.v1alpha1.SecretBackend;
import java.util.List;

/**
 * The wizard, answered by flags as in CI: it sets the stand-in up, mints the first token, creates
 * the Secret and the SecretBackend, and prints the migrate command that a later step pastes.
 */
final class RunWizard implements Step {

  static final String MIGRATE_PREFIX = "kubectl mcpctl migrate secrets ";

  @Override
  public String title() {
    return "Run the wizard against the OpenBao stand-in";
  }

  @Override
  public void run(DemoRun run) {
    CommandResult wizard =
        run.shell()
            .run(
                List.of(
                    "kubectl",
                    "mcpctl",
                    "create",
                    "secretbackend",
                    DemoRun.BACKEND,
                    "--type",
                    "openbao",
                    "--wizard",
                    "--url",
                    run.openBaoAddress().orElseThrow().toString(),
                    "--admin-token-file",
                    run.directory().adminToken().toString(),
                    "--rotation-interval",
                    DemoRun.ROTATION_INTERVAL,
                    "--revoke-grace-period",
                    DemoRun.DEMO_REVOKE_GRACE_PERIOD,
                    "--yes"))
            .succeeded();
    SecretBackend backend = run.backend().current();
    if (!backend.getSpec().isDefaultBackend()) {
      throw new StepFailed("The wizard did not make " + DemoRun.BACKEND + " the default backend.");
    }
    run.migrateCommand(migrateCommand(wizard.stdout()));
  }

  /** The migrate command the wizard printed on a line of its own. */
  static String migrateCommand(String wizardOutput) {
    return wizardOutput
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith(MIGRATE_PREFIX))
        .findFirst()
        .orElseThrow(
            () ->
                new StepFailed(
                    "The wizard printed no `"
                        + MIGRATE_PREFIX.strip()
                        + "` line, though the previous default backend holds "
                        + DemoRun.MCP_SECRETS.size()
                        + " MCP secrets."));
  }
}
