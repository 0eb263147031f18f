package io.mcpctl.cli;

import io.mcpctl.cli.audit.AuditCommand;
import io.mcpctl.cli.check.CheckCommand;
import io.mcpctl.cli.common.CliContext;
import io.mcpctl.cli.common.Commands;
import io.mcpctl.cli.common.ConnectionAhead;
import io.mcpctl.cli.common.ErrorReporter;
import io.mcpctl.cli.common.KubeOptions;
import io.mcpctl.cli.common.PluginRoot;
import io.mcpctl.cli.common.TerminalSafeWriter;
import io.mcpctl.cli.create.CreateCommand;
import io.mcpctl.cli.describe.DescribeCommand;
import io.mcpctl.cli.migrate.MigrateCommand;
import io.mcpctl.cli.rotate.RotateCommand;
import io.mcpctl.cli.secret.DeleteCommand;
import io.mcpctl.cli.secret.GetCommand;
import io.mcpctl.cli.secret.ListCommand;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
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
   * the same moment. Named by their words, so that the connection starts before any annotation is
   * read: reading the first one costs picocli's proxies and parser, and the connection waits.
   */
  private static final Set<String> CONNECT_AHEAD =
      Set.of(
          RotateCommand.NAME,
          DescribeCommand.NAME,
          CheckCommand.NAME,
          GetCommand.NAME,
          ListCommand.NAME,
          DeleteCommand.NAME,
          MigrateCommand.NAME);

  /** Of those, the commands that only read, through a {@link io.mcpctl.cli.common.KubeApi}. */
  private static final Set<String> READS_ONLY =
      Set.of(DescribeCommand.NAME, GetCommand.NAME, ListCommand.NAME);

  /** kubectl's flags that take a value ({@link KubeOptions}); they may precede the subcommand. */
  private static final Set<String> FLAGS_WITH_A_VALUE =
      Set.of("-n", "--namespace", "--context", "--kubeconfig");

  private static final Set<String> HELP_AND_VERSION_FLAGS =
      Set.of("-h", "--help", "-V", "--version");

  public static void main(String[] args) {
    CliContext context = CliContext.system();
    context = context.withConnectionAhead(connectionAhead(args));
    ExitWithoutPause.exit(commandLine(context, args).execute(args));
  }

  /**
   * The connection made ahead for {@code args}: the {@link io.mcpctl.cli.common.KubeApi} of a
   * command that only reads, the fabric8 client of another that connects ahead, else none.
   */
  static ConnectionAhead connectionAhead(String[] args) {
    if (!connectsAhead(args)) {
      return ConnectionAhead.NONE;
    }
    return ConnectionAhead.start(
        args, subcommandWord(args).filter(READS_ONLY::contains).isPresent());
  }

  /** Whether {@code args} run a command that connects ahead, rather than its help. */
  static boolean connectsAhead(String[] args) {
    return subcommandWord(args).filter(CONNECT_AHEAD::contains).isPresent()
        && Arrays.stream(args).noneMatch(HELP_AND_VERSION_FLAGS::contains);
  }

  /**
   * The command line to run {@code args} with: only the branch of the subcommand that the first
   * word after kubectl's flags names; for help and usage errors that name no subcommand anywhere,
   * the root with a summary of each subcommand; else (completion, odd orders) the whole tree.
   * Picocli reads every command class of a branch by reflection when it builds the tree; skipping
   * the siblings, or all branches, saves a short command a good part of its start-up.
   */
  public static CommandLine commandLine(CliContext context, String[] args) {
    Optional<Class<?>> named = subcommandWord(args).flatMap(McpctlCommand::subcommandNamed);
    if (named.isPresent() && !READ_THE_WHOLE_TREE.contains(named.get())) {
      return tree(context, List.of(named.get()));
    }
    if (Arrays.stream(args).noneMatch(McpctlCommand::namesASubcommand)) {
      return rootWithSummaries(context);
    }
    return commandLine(context);
  }

  /** The first word of {@code args} after any of kubectl's flags that take a value. */
  private static Optional<String> subcommandWord(String[] args) {
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
    return word < args.length ? Optional.of(args[word]) : Optional.empty();
  }

  private static Optional<Class<?>> subcommandNamed(String name) {
    return SUBCOMMANDS.stream()
        .filter(subcommand -> subcommand.getAnnotation(Command.class).name().equals(name))
        .findFirst();
  }

  private static boolean namesASubcommand(String word) {
    return SUBCOMMANDS.stream()
        .map(subcommand -> subcommand.getAnnotation(Command.class))
        .anyMatch(
            command ->
                command.name().equals(word) || Arrays.asList(command.aliases()).contains(word));
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
    return root(context, commandLine -> subcommands.forEach(commandLine::addSubcommand));
  }

  /**
   * The root with a summary of each subcommand: what its help lists and its usage errors suggest
   * (name, aliases, description, whether hidden), none of the subcommand's own options. Good only
   * for command lines that name no subcommand, so that picocli never parses into a summary.
   */
  private static CommandLine rootWithSummaries(CliContext context) {
    return root(
        context,
        commandLine ->
            SUBCOMMANDS.forEach(
                subcommand -> {
                  CommandSpec summary = summaryOf(subcommand);
                  commandLine.addSubcommand(summary.name(), new CommandLine(summary));
                }));
  }

  private static CommandSpec summaryOf(Class<?> subcommand) {
    Command command = subcommand.getAnnotation(Command.class);
    CommandSpec summary = CommandSpec.create().name(command.name()).aliases(command.aliases());
    summary
        .usageMessage()
        .header(command.header())
        .description(command.description())
        .hidden(command.hidden());
    return summary;
  }

  private static CommandLine root(CliContext context, Consumer<CommandLine> addSubcommands) {
    McpctlCommand root = new McpctlCommand(context);
    CommandLine commandLine = new CommandLine(root);
    // picocli has made the mixin by now; it takes a client built ahead when there is one.
    root.kube.connectingAhead(context.connectionAhead());
    addSubcommands.accept(commandLine);
    // kubectl knows no @FILE arguments; picocli would read the file's words as arguments and quote
    // them in a usage error, a token included. Set after the subcommands: it applies to those.
    commandLine.setExpandAtFiles(false);
    ErrorReporter errors = new ErrorReporter();
    commandLine.setParameterExceptionHandler(errors);
    commandLine.setExecutionExceptionHandler(errors);
    // As kubectl's own help: no colours, so that no escape sequence need pass TerminalSafeWriter.
    commandLine.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
    printingTo(commandLine, commandLine.getOut(), commandLine.getErr());
    return commandLine;
  }

  /**
   * Sends {@code commandLine}'s output and errors to {@code out} and {@code err}, terminal-safe.
   */
  public static void printingTo(CommandLine commandLine, Writer out, Writer err) {
    commandLine.setOut(TerminalSafeWriter.around(out));
    commandLine.setErr(TerminalSafeWriter.around(err));
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
