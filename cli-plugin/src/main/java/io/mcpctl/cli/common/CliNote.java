package io.mcpctl.cli.common;

/**
 * A line to print after a failure's error line, attached to the failure with {@link
 * Throwable#addSuppressed}: what the failed command leaves behind and how to be rid of it, which
 * belongs after the error, where the reader's eye ends up.
 */
public final class CliNote extends RuntimeException {

  public CliNote(String line) {
    super(line, null, false, false);
  }
}
