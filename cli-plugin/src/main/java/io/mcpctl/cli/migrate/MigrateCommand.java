package io.mcpctl.cli.migrate;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl migrate}: groups the migrate commands by resource. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Move resources between backends.",
    subcommands = {MigrateSecretsCommand.class})
public final class MigrateCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
