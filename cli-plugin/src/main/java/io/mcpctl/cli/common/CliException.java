package io.mcpctl.cli.common;

/**
 * A failure the user can act on (exit code 1). The message is one sentence that says what is wrong
 * and what to do next; it never contains a token or a secret value.
 */
public class CliException extends RuntimeException {

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
