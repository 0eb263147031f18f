package io.mcpctl.cli;

import io.mcpctl.cli.common.CliContext;
import io.mcpctl.cli.common.Terminal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** Runs the plugin in this JVM the way a user would, with captured output. */
public final class CliHarness {

  /** What one run printed and returned. */
  public record Result(int exitCode, String stdout, String stderr) {

    /** Both streams, for assertion messages and leak scans. */
    public String all() {
      return stdout + stderr;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private Clock clock = Clock.systemUTC();
  private Map<String, String> environment = Map.of();
  private InputStream stdin = InputStream.nullInputStream();
  private Terminal terminal = ScriptedTerminal.none();
  private boolean connectingAhead;

  public CliHarness clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public CliHarness environment(Map<String, String> environment) {
    this.environment = environment;
    return this;
  }

  public CliHarness stdin(String text) {
    this.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public CliHarness terminal(Terminal terminal) {
    this.terminal = terminal;
    return this;
  }

  /** Runs as {@link McpctlCommand#main} does: connecting to the cluster while picocli starts. */
  public CliHarness connectingAhead() {
    this.connectingAhead = true;
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(clock, environment, stdin, terminal);
    if (connectingAhead) {
      context = context.withConnectionAhead(McpctlCommand.connectionAhead(args));
    }
    CommandLine commandLine = McpctlCommand.commandLine(context, args);
    McpctlCommand.printingTo(commandLine, out, err);
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** A terminal that answers from a script, or none at all (as in CI). */
  public static final class ScriptedTerminal implements Terminal {
    private final boolean interactive;
    private final Deque<String> answers;
    private final Deque<String> prompts = new ArrayDeque<>();

    private ScriptedTerminal(boolean interactive, List<String> answers) {
      this.interactive = interactive;
      this.answers = new ArrayDeque<>(answers);
    }

    public static ScriptedTerminal none() {
      return new ScriptedTerminal(false, List.of());
    }

    public static ScriptedTerminal answering(String... answers) {
      return new ScriptedTerminal(true, List.of(answers));
    }

    /** The prompts shown so far, oldest first. */
    public List<String> prompts() {
      return List.copyOf(prompts);
    }

    @Override
    public boolean isInteractive() {
      return interactive;
    }

    @Override
    public Optional<char[]> readSecret(String prompt) {
      return readLine(prompt).map(String::toCharArray);
    }

    @Override
    public Optional<String> readLine(String prompt) {
      if (!interactive) {
        return Optional.empty();
      }
      prompts.add(prompt);
      return Optional.ofNullable(answers.poll());
    }
  }
}
