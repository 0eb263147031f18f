package io.mcpctl.sandbox.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as the user would in a terminal set up for the sandbox (the plugin folder first on
 * PATH, KUBECONFIG set, the repository root as working folder), showing each command before its
 * output. Standard input is empty, so nothing can wait for a prompt.
 */
final class Shell {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final Transcript transcript;
  private final Path workingDirectory;
  private final Map<String, String> environment;

  /**
   * @param environment variables set (or, with a null value, removed) on top of this process's
   */
  Shell(Transcript transcript, Path workingDirectory, Map<String, String> environment) {
    this.transcript = transcript;
    this.workingDirectory = workingDirectory;
    this.environment = new LinkedHashMap<>(environment);
  }

  CommandResult run(String... words) {
    return run(List.of(words));
  }

  CommandResult run(List<String> words) {
    String commandLine = ShellWords.join(words);
    transcript.command(commandLine);
    CommandResult result = execute(words, commandLine);
    transcript.output(result.stdout());
    transcript.output(result.stderr());
    return result;
  }

  private CommandResult execute(List<String> words, String commandLine) {
    try {
      Path stdout = Files.createTempFile("mcpctl-demo-stdout-", ".txt");
      Path stderr = Files.createTempFile("mcpctl-demo-stderr-", ".txt");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(words)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        environment.forEach(
            (name, value) -> {
              if (value == null) {
                builder.environment().remove(name);
              } else {
                builder.environment().put(name, value);
              }
            });
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          throw new StepFailed(
              "`" + commandLine + "` did not finish within " + TIMEOUT.toMinutes() + " minutes.");
        }
        return new CommandResult(
            commandLine,
            process.exitValue(),
            Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run `" + commandLine + "`", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailed("Interrupted while `" + commandLine + "` ran.");
    }
  }
}
