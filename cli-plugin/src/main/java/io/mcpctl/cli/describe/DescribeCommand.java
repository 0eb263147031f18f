package io.mcpctl.cli.describe;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl describe}: groups the describe commands by resource. */
@Command(
    name = DescribeCommand.NAME,
    mixinStandardHelpOptions = true,
    description = "Show the details of a resource.",
    subcommands = {DescribeSecretBackendCommand.class})
public final class DescribeCommand implements Runnable {

  /** The word that names this command, read before picocli starts (it connects ahead). */
  public static final String NAME = "describe";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
