package io.mcpctl.cli.common;

import picocli.CommandLine.Option;

/**
 * Where the wizard's OpenBao admin token comes from: a file (or stdin), the flag itself, the {@code
 * BAO_TOKEN} environment variable, or a prompt that does not echo.
 */
public final class AdminTokenOptions {

  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE|-",
      description = "Read the OpenBao admin token from FILE, or from stdin with '-'.")
  String file;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description =
          "The OpenBao admin token itself; it leaks into shell history, prefer"
              + " --admin-token-file or BAO_TOKEN.")
  String value;

  public String file() {
    return file;
  }

  public String value() {
    return value;
  }

  /** Whether either flag was given. */
  public boolean given() {
    return file != null || value != null;
  }
}
