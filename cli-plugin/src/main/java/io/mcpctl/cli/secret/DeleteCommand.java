package io.mcpctl.cli.secret;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl delete}: groups the delete commands by resource. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete a resource.",
    subcommands = {DeleteSecretCommand.class})
public final class DeleteCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
