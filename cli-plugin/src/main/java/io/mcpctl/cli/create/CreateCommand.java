package io.mcpctl.cli.create;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl create}: groups the create commands by resource. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a resource.",
    subcommands = {
      CreateSecretBackendCommand.class,
      io.mcpctl.cli.secret.CreateSecretCommand.class
    })
public final class CreateCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
