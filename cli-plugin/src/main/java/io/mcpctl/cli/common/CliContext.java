package io.mcpctl.cli.common;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the commands take from the world besides their arguments: the time, the environment,
 * standard input and the terminal. Tests pass their own; {@link #system()} is the real one.
 */
public final class CliContext {

  private final Clock clock;
  private final Map<String, String> environment;
  private final InputStream stdin;
  private final Terminal terminal;
  private final ConnectionAhead connectionAhead;

  public CliContext(
      Clock clock, Map<String, String> environment, InputStream stdin, Terminal terminal) {
    this(clock, environment, stdin, terminal, ConnectionAhead.NONE);
  }

  private CliContext(
      Clock clock,
      Map<String, String> environment,
      InputStream stdin,
      Terminal terminal,
      ConnectionAhead connectionAhead) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.environment = Map.copyOf(environment);
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.terminal = Objects.requireNonNull(terminal, "terminal");
    this.connectionAhead = Objects.requireNonNull(connectionAhead, "connectionAhead");
  }

  public static CliContext system() {
    return new CliContext(Clock.systemUTC(), System.getenv(), System.in, SystemTerminal.detect());
  }

  /** This context, with a connection to the cluster already being made. */
  public CliContext withConnectionAhead(ConnectionAhead ahead) {
    return new CliContext(clock, environment, stdin, terminal, ahead);
  }

  public ConnectionAhead connectionAhead() {
    return connectionAhead;
  }

  public Clock clock() {
    return clock;
  }

  public Optional<String> env(String name) {
    return Optional.ofNullable(environment.get(name)).filter(value -> !value.isEmpty());
  }

  public InputStream stdin() {
    return stdin;
  }

  public Terminal terminal() {
    return terminal;
  }
}
