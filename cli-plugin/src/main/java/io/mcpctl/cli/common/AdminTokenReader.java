package io.mcpctl.cli.common;

import io.mcpctl.openbao.VaultToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the OpenBao admin token: {@code --admin-token-file FILE|-}, {@code --admin-token} (with a
 * warning), {@code BAO_TOKEN}, or a prompt that does not echo. The token lives only in memory.
 */
public final class AdminTokenReader {

  public static final String ENVIRONMENT_VARIABLE = "BAO_TOKEN";

  private final CliContext context;
  private final PrintWriter err;

  public AdminTokenReader(CliContext context, PrintWriter err) {
    this.context = context;
    this.err = err;
  }

  public VaultToken read(AdminTokenOptions options) {
    if (options.file() != null && options.value() != null) {
      throw new CliException(
          "Both --admin-token-file and --admin-token were given; pass only one of them.");
    }
    if (options.file() != null) {
      return parse(fromFile(options.file()), "the admin token file " + options.file());
    }
    if (options.value() != null) {
      err.println(
          "warning: --admin-token leaves the token in your shell history and the process list;"
              + " prefer --admin-token-file or BAO_TOKEN.");
      err.flush();
      return parse(options.value(), "--admin-token");
    }
    Optional<String> environment = context.env(ENVIRONMENT_VARIABLE);
    if (environment.isPresent()) {
      return parse(environment.get(), ENVIRONMENT_VARIABLE);
    }
    Optional<char[]> typed = context.terminal().readSecret("OpenBao admin token (not echoed): ");
    if (typed.isEmpty()) {
      throw new CliException(
          "No OpenBao admin token and no terminal to ask on; pass --admin-token-file FILE (or -"
              + " for stdin) or set BAO_TOKEN.");
    }
    char[] characters = typed.get();
    try {
      return parse(new String(characters), "the prompt");
    } finally {
      Arrays.fill(characters, '\0');
    }
  }

  private String fromFile(String file) {
    if (!file.equals("-")) {
      return InputFiles.read("--admin-token-file", Path.of(file));
    }
    try {
      return new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(
          "Could not read the admin token from stdin ("
              + e.getClass().getSimpleName()
              + "); pipe the token in or pass --admin-token-file FILE.");
    }
  }

  private static VaultToken parse(String value, String source) {
    if (value == null || value.isBlank()) {
      throw new CliException(
          "The OpenBao admin token from "
              + source
              + " is empty; provide a token with the rights listed in the README.");
    }
    try {
      return VaultToken.of(value);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "The OpenBao admin token from "
              + source
              + " is unusable: it contains whitespace, control or non-ASCII characters;"
              + " provide exactly one token.");
    }
  }
}
