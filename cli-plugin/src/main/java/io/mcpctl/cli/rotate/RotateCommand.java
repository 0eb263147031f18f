package io.mcpctl.cli.rotate;

import io.mcpctl.cli.common.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl rotate}: groups the rotate commands by resource. */
@Command(
    name = RotateCommand.NAME,
    mixinStandardHelpOptions = true,
    description = "Ask the operator to rotate a credential now.",
    subcommands = {RotateSecretBackendCommand.class})
public final class RotateCommand implements Runnable {

  /** The word that names this command, read before picocli starts (it connects ahead). */
  public static final String NAME = "rotate";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
