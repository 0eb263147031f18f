package io.mcpctl.cli.secret;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl delete}: groups the delete commands by resource. */
@Command(
    name = DeleteCommand.NAME,
    mixinStandardHelpOptions = true,
    description = "Delete a resource.",
    subcommands = {DeleteSecretCommand.class})
public final class DeleteCommand implements Runnable {

  /** The word that names this command, read before picocli starts (it connects ahead). */
  public static final String NAME = "delete";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
