package io.mcpctl.cli.secret;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl list}: groups the list commands by resource. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List resources.",
    subcommands = {ListSecretsCommand.class})
public final class ListCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
