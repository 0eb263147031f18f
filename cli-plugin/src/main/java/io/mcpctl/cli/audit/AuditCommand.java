package io.mcpctl.cli.audit;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl audit}: groups the audits by what they look at. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Prove what is alive in OpenBao for a SecretBackend.",
    subcommands = {AuditTokensCommand.class})
public final class AuditCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
