package io.mcpctl.cli.common;

import java.io.Console;
import java.util.Optional;

/** The process's controlling terminal through {@link System#console()}, if it has one. */
final class SystemTerminal implements Terminal {

  private final Console console;

  private SystemTerminal(Console console) {
    this.console = console;
  }

  static Terminal detect() {
    return new SystemTerminal(System.console());
  }

  @Override
  public boolean isInteractive() {
    return console != null;
  }

  @Override
  public Optional<char[]> readSecret(String prompt) {
    return console == null
        ? Optional.empty()
        : Optional.ofNullable(console.readPassword("%s", prompt));
  }

  @Override
  public Optional<String> readLine(String prompt) {
    return console == null ? Optional.empty() : Optional.ofNullable(console.readLine("%s", prompt));
  }
}
