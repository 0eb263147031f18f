package io.mcpctl.sandbox;

import io.mcpctl.sandbox.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar mcpctl-sandbox.jar up --dir DIR | demo}: a Kubernetes API, an OpenBao and the
 * operator on loopback, and the story told in them.
 */
@Command(
    name = "mcpctl-sandbox",
    subcommands = {UpCommand.class, DemoCommand.class},
    description = {
      "A cluster and an OpenBao on loopback, for trying mcpctl and for its tests: an embedded"
          + " Kubernetes API that real kubectl drives, an in-memory OpenBao stand-in and the"
          + " operator as its own process.",
      ""
    })
public final class SandboxMain implements Runnable {

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new SandboxMain());
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          failed.getErr().println(exception.getMessage());
          failed.getErr().flush();
          return 1;
        });
    return commandLine;
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Name a subcommand, e.g. `up --dir DIR` or `demo`; --help lists them.");
  }
}
