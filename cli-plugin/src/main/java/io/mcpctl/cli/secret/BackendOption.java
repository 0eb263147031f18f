package io.mcpctl.cli.secret;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --backend}: which SecretBackend a secret command works on. */
public final class BackendOption {

  @Option(
      names = "--backend",
      paramLabel = "BACKEND",
      description =
          "SecretBackend to use (default: the namespace's default backend, else the built-in"
              + " kubernetes store 'default').")
  String backend;

  /** The backend named on the command line; empty means the namespace's default. */
  public Optional<String> name() {
    return Optional.ofNullable(backend);
  }
}
