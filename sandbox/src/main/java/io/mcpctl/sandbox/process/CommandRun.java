package io.mcpctl.sandbox.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to its end and keeps what it printed: stdout and stderr go to files (a pipe
 * could fill and stall the command), standard input is the given text or nothing. Used for kubectl
 * and the plugin alike.
 */
public final class CommandRun {

  /** What the command did. Its standard input is not kept: it may be a token. */
  public record Output(int exitCode, String stdout, String stderr) {}

  private CommandRun() {}

  /**
   * @param unset variables removed from the inherited environment before {@code environment} is
   *     added
   * @param stdin the standard input, or null for none
   * @param scratch where the output files live while the command runs
   * @throws IllegalStateException when the command runs longer than {@code timeout} (it is killed)
   */
  public static Output run(
      List<String> command,
      Set<String> unset,
      Map<String, String> environment,
      String stdin,
      Duration timeout,
      Path scratch) {
    try {
      Path stdout = Files.createTempFile(scratch, "stdout-", ".txt");
      Path stderr = Files.createTempFile(scratch, "stderr-", ".txt");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeAll(unset);
        builder.environment().putAll(environment);
        if (stdin == null) {
          builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process = builder.start();
        if (stdin != null) {
          try (var input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new IllegalStateException(
              String.join(" ", command)
                  + " did not finish within "
                  + timeout.toSeconds()
                  + "s; stderr so far: "
                  + Files.readString(stderr));
        }
        return new Output(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + command.get(0) + " ran", e);
    }
  }
}
