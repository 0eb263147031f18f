package io.mcpctl.cli.common;

import picocli.CommandLine.Option;

/** {@code -o/--output} for commands whose output is data a script may read. */
public final class OutputOptions {

  /** How a command prints its result. */
  public enum Format {
    text,
    json,
    yaml
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  public Format format() {
    return format;
  }
}
