package io.mcpctl.cli.common;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.text.Sentences;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr that says what to do next, and the exit code kubectl
 * users expect: 2 for usage errors, 1 for everything else. A usage error names unknown options but
 * shows no other stray word ({@link StrayArguments}): it may be a value typed in the wrong place. A
 * failure nobody expected shows its type only, no stack trace and no message: libraries such as
 * Jackson quote the input they failed on, which may be a file handed to the wrong flag or a
 * server's answer, tokens included.
 */
public final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

  static final int FAILURE = 1;
  static final int USAGE = 2;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine commandLine = ex.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String problem =
        ex instanceof UnmatchedArgumentException unmatched
            ? StrayArguments.sentence(unmatched)
            : StrayArguments.withoutStrayValue(Sentences.withoutFinalPeriod(ex.getMessage()));
    err.println(
        "error: "
            + Sentences.printable(problem)
            + "; "
            + Commands.helpHint(commandLine.getCommandSpec())
            + ".");
    err.flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    // One sentence, whatever a server or an object it quotes holds.
    err.println("error: " + Sentences.printable(sentence(ex)));
    for (Throwable attached : ex.getSuppressed()) {
      if (attached instanceof CliNote note) {
        err.println(Sentences.printable(note.getMessage()));
      }
    }
    err.flush();
    return FAILURE;
  }

  /** The one sentence shown for a failure, with what to do next. */
  public static String sentence(Exception ex) {
    if (ex instanceof CliException) {
      return ex.getMessage();
    }
    if (ex instanceof KubernetesClientException kubernetes) {
      return KubernetesErrors.sentence(kubernetes);
    }
    if (ex instanceof OpenBaoException openBao) {
      return Sentences.withoutFinalPeriod(openBao.getMessage())
          + "; check OpenBao and run the command again.";
    }
    return "Unexpected "
        + ex.getClass().getSimpleName()
        + "; please report it with the command you ran.";
  }
}
