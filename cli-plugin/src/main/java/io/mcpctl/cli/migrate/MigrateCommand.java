package io.mcpctl.cli.migrate;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl migrate}: groups the migrate commands by resource. */
@Command(
    name = MigrateCommand.NAME,
    mixinStandardHelpOptions = true,
    description = "Move resources between backends.",
    subcommands = {MigrateSecretsCommand.class})
public final class MigrateCommand implements Runnable {

  /** The word that names this command, read before picocli starts (it connects ahead). */
  public static final String NAME = "migrate";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
