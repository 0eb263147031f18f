package io.mcpctl.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A driver class run in a JVM of its own with the operator image's flags, so that what it measures
 * runs as the operator would; its output goes to a log in the run directory.
 */
final class DriverJvm {

  /** How it ended, and what it printed. */
  record Run(int exitCode, String output) {}

  private static final long LIMIT_MINUTES = 10;

  private DriverJvm() {}

  /**
   * @param classPath the driver's class path
   * @param what the driver in words, for the errors
   * @throws IllegalStateException when it cannot start or runs over ten minutes
   */
  static Run run(
      BenchStand stand,
      String classPath,
      Class<?> driver,
      List<String> arguments,
      Path log,
      String what) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(stand.operatorJvmFlags);
    command.addAll(List.of("-cp", classPath, driver.getName()));
    command.addAll(arguments);
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            what + " ran over " + LIMIT_MINUTES + " minutes; see " + log);
      }
      return new Run(process.exitValue(), Files.readString(log));
    } catch (IOException failure) {
      throw new UncheckedIOException(what + " could not start", failure);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + what + " ran", interrupted);
    }
  }
}
