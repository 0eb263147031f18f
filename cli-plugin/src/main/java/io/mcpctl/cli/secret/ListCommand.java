package io.mcpctl.cli.secret;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl list}: groups the list commands by resource. */
@Command(
    name = ListCommand.NAME,
    mixinStandardHelpOptions = true,
    description = "List resources.",
    subcommands = {ListSecretsCommand.class})
public final class ListCommand implements Runnable {

  /** The word that names this command, read before picocli starts (it connects ahead). */
  public static final String NAME = "list";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
