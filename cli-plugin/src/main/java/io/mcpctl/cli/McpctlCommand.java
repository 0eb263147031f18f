package io.mcpctl.cli;

import io.mcpctl.cli.create.CreateCommand;
import io.mcpctl.cli.describe.DescribeCommand;
import io.mcpctl.cli.rotate.RotateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl mcpctl}: the root of the plugin's command tree. kubectl runs the plugin with every
 * word after {@code mcpctl}, its own global flags included, so the flags kubectl users expect
 * ({@code -n}, {@code --context}, {@code --kubeconfig}) are parsed here and inherited by every
 * subcommand.
 */
@Command(
    name = "kubectl mcpctl",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = PluginVersion.class,
    description = "Manage mcpctl SecretBackends: set up OpenBao, rotate and inspect tokens.",
    subcommands = {
      CreateCommand.class,
      RotateCommand.class,
      DescribeCommand.class,
      io.mcpctl.cli.secret.GetCommand.class,
      io.mcpctl.cli.secret.ListCommand.class,
      io.mcpctl.cli.secret.DeleteCommand.class,
      io.mcpctl.cli.migrate.MigrateCommand.class,
      CompletionCommand.class,
      VersionCommand.class,
      CompleteCommand.class
    })
public final class McpctlCommand implements Runnable {

  @Spec CommandSpec spec;

  @Mixin KubeOptions kube;

  private final CliContext context;

  public McpctlCommand(CliContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    System.exit(commandLine(CliContext.system()).execute(args));
  }

  /** The configured command line: error handling and exit codes as kubectl users expect. */
  public static CommandLine commandLine(CliContext context) {
    CommandLine commandLine = new CommandLine(new McpctlCommand(context));
    ErrorReporter errors = new ErrorReporter();
    commandLine.setParameterExceptionHandler(errors);
    commandLine.setExecutionExceptionHandler(errors);
    return commandLine;
  }

  /** The root command of the tree {@code spec} belongs to. */
  public static McpctlCommand root(CommandSpec spec) {
    return (McpctlCommand) spec.root().userObject();
  }

  public CliContext context() {
    return context;
  }

  public KubeOptions kube() {
    return kube;
  }

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
