package io.mcpctl.cli.describe;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl describe}: groups the describe commands by resource. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Show the details of a resource.",
    subcommands = {DescribeSecretBackendCommand.class})
public final class DescribeCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
