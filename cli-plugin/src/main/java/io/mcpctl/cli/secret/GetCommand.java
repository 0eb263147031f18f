package io.mcpctl.cli.secret;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl get}: groups the get commands by resource. */
@Command(
    name = GetCommand.NAME,
    mixinStandardHelpOptions = true,
    description = "Show a resource.",
    subcommands = {GetSecretCommand.class})
public final class GetCommand implements Runnable {

  /** The word that names this command, read before picocli starts (it connects ahead). */
  public static final String NAME = "get";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
