package io.mcpctl.cli;

import io.mcpctl.cli.audit.AuditCommand;
import io.mcpctl.cli.check.CheckCommand;
import io.mcpctl.cli.common.CliContext;
import io.mcpctl.cli.common.Commands;
import io.mcpctl.cli.common.ConnectionAhead;
import io.mcpctl.cli.common.ErrorReporter;
import io.mcpctl.cli.common.KubeOptions;
import io.mcpctl.cli.common.PluginRoot;
import io.mcpctl.cli.create.CreateCommand;
import io.mcpctl.cli.describe.DescribeCommand;
import io.mcpctl.cli.migrate.MigrateCommand;
import io.mcpctl.cli.rotate.RotateCommand;
import io.mcpctl.cli.secret.DeleteCommand;
import io.mcpctl.cli.secret.GetCommand;
import io.mcpctl.cli.secret.ListCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    description = "Manage mcpctl SecretBackends: set up OpenBao, rotate and inspect tokens.")
public final class McpctlCommand implements Runnable, PluginRoot {

  /** The subcommands, in the order {@code --help} lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          CreateCommand.class,
          RotateCommand.class,
          DescribeCommand.class,
          CheckCommand.class,
          AuditCommand.class,
          GetCommand.class,
          ListCommand.class,
          DeleteCommand.class,
          MigrateCommand.class,
          CompletionCommand.class,
          VersionCommand.class,
          CompleteCommand.class);

  /** Completion scripts and candidates are made from the whole tree. */
  private static final Set<Class<?>> READ_THE_WHOLE_TREE =
      Set.of(CompletionCommand.class, CompleteCommand.class);

  @Spec CommandSpec spec;

  @Mixin KubeOptions kube;

  private final CliContext context;

  public McpctlCommand(CliContext context) {
    this.context = context;
  }

  /**
   * Commands that connect ahead (see {@link ConnectionAhead}): those that talk to the cluster and
   * never ask anything on the terminal. {@code create} is left out because the wizard asks for an
   * admin token there, and a kubeconfig's exec credential plugin run ahead might ask for a login at
   * the same moment.
   */
  private static final Set<Class<?>> CONNECT_AHEAD =
      Set.of(
          RotateCommand.class,
          DescribeCommand.class,
          CheckCommand.class,
          GetCommand.class,
          ListCommand.class,
          DeleteCommand.class,
          MigrateCommand.class);

  /** kubectl's flags that take a value ({@link KubeOptions}); they may precede the subcommand. */
  private static final Set<String> FLAGS_WITH_A_VALUE =
      Set.of("-n", "--namespace", "--context", "--kubeconfig");

  private static final Set<String> HELP_AND_VERSION_FLAGS =
      Set.of("-h", "--help", "-V", "--version");

  public static void main(String[] args) {
    CliContext context = CliContext.system();
    if (connectsAhead(args)) {
      context = context.withConnectionAhead(ConnectionAhead.start(args));
    }
    ExitWithoutPause.exit(commandLine(context, args).execute(args));
  }

  /** Whether {@code args} run a command that connects ahead, rather than its help. */
  static boolean connectsAhead(String[] args) {
    return subcommandNamedBy(args).filter(CONNECT_AHEAD::contains).isPresent()
        && Arrays.stream(args).noneMatch(HELP_AND_VERSION_FLAGS::contains);
  }

  /**
   * The command line to run {@code args} with: only the branch of the subcommand that the first
   * word after kubectl's flags names, else the whole tree (for help, usage errors and completion).
   * Picocli reads every command class of a branch by reflection when it builds the tree; skipping
   * the siblings saves a short command a good part of its start-up.
   */
  public static CommandLine commandLine(CliContext context, String[] args) {
    return subcommandNamedBy(args)
        .filter(subcommand -> !READ_THE_WHOLE_TREE.contains(subcommand))
        .map(subcommand -> tree(context, List.of(subcommand)))
        .orElseGet(() -> commandLine(context));
  }

  /** The subcommand {@code args} name first, after any of kubectl's flags that take a value. */
  private static Optional<Class<?>> subcommandNamedBy(String[] args) {
    int word = 0;
    while (word < args.length) {
      if (FLAGS_WITH_A_VALUE.contains(args[word])) {
        word += 2;
      } else if (isFlagWithItsValue(args[word])) {
        word++;
      } else {
        break;
      }
    }
    if (word >= args.length) {
      return Optional.empty();
    }
    String name = args[word];
    return SUBCOMMANDS.stream()
        .filter(subcommand -> subcommand.getAnnotation(Command.class).name().equals(name))
        .findFirst();
  }

  private static boolean isFlagWithItsValue(String word) {
    return FLAGS_WITH_A_VALUE.stream().anyMatch(flag -> word.startsWith(flag + "="));
  }

  /** The whole command tree. */
  public static CommandLine commandLine(CliContext context) {
    return tree(context, SUBCOMMANDS);
  }

  /** The root with {@code subcommands}; error handling and exit codes as kubectl users expect. */
  private static CommandLine tree(CliContext context, List<Class<?>> subcommands) {
    McpctlCommand root = new McpctlCommand(context);
    CommandLine commandLine = new CommandLine(root);
    // picocli has made the mixin by now; it takes a client built ahead when there is one.
    root.kube.connectingAhead(context.connectionAhead());
    subcommands.forEach(commandLine::addSubcommand);
    // kubectl knows no @FILE arguments; picocli would read the file's words as arguments and quote
    // them in a usage error, a token included. Set after the subcommands: it applies to those.
    commandLine.setExpandAtFiles(false);
    ErrorReporter errors = new ErrorReporter();
    commandLine.setParameterExceptionHandler(errors);
    commandLine.setExecutionExceptionHandler(errors);
    return commandLine;
  }

  @Override
  public CliContext context() {
    return context;
  }

  @Override
  public KubeOptions kube() {
    return kube;
  }

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }
}
