package io.mcpctl.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs {@link McpctlCommand#main} in a JVM of its own, as the launcher does: the client is built
 * ahead on a second thread, and fabric8 reads {@code KUBECONFIG}, {@code HOME} and {@code
 * KUBERNETES_SERVICE_HOST} from the real process environment, which a test cannot set in its own
 * JVM. The child starts with none of kubectl's variables, so only {@code environment} counts.
 */
final class PluginProcess {

  private static final long TIMEOUT_SECONDS = 60;

  /** Variables that would point the child at a cluster or change its output. */
  private static final List<String> REMOVED =
      List.of(
          "KUBECONFIG",
          "KUBERNETES_SERVICE_HOST",
          "KUBERNETES_SERVICE_PORT",
          "BAO_TOKEN",
          PluginLogging.LEVEL_VARIABLE);

  private PluginProcess() {}

  /** Runs the plugin with {@code HOME} set to {@code home} and {@code environment} added. */
  static CliHarness.Result run(Path home, Map<String, String> environment, String... args) {
    return start(home, environment, args).finish();
  }

  /** Starts the plugin as {@link #run} does, without waiting for it. */
  static Running start(Path home, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The child writes the plugin log of the tests too, so the leak checks scan it as well.
    for (String property : List.of("mcpctl.root", "mcpctl.target")) {
      if (System.getProperty(property) != null) {
        command.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    return start(command, home, environment, args);
  }

  /**
   * As {@link #run}, but logging as the installed plugin does ({@link PluginLogging}, to stderr):
   * the test classes, with their {@code logback-test.xml}, are left off the class path.
   */
  static CliHarness.Result runWithPluginLogging(
      Path home, Map<String, String> environment, String... args) {
    String testClasses = testClasses().toString();
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                entry ->
                    !Path.of(entry).toAbsolutePath().normalize().toString().equals(testClasses))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", classPath));
    return start(command, home, environment, args).finish();
  }

  private static Path testClasses() {
    try {
      return Path.of(
              PluginProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath()
          .normalize();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Running start(
      List<String> java, Path home, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>(java);
    command.add(McpctlCommand.class.getName());
    command.addAll(List.of(args));
    try {
      Path stdout = Files.createTempFile("plugin-process-", ".out");
      Path stderr = Files.createTempFile("plugin-process-", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      Map<String, String> variables = builder.environment();
      REMOVED.forEach(variables::remove);
      variables.put("HOME", home.toString());
      variables.putAll(environment);
      return new Running(builder.start(), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A started plugin; {@link #finish()} waits for it and collects what it printed. */
  record Running(Process process, Path stdout, Path stderr) {

    /** What it printed so far, for an assertion's message. */
    @Override
    public String toString() {
      try {
        return "plugin process: stdout "
            + Files.readString(stdout, StandardCharsets.UTF_8)
            + "stderr "
            + Files.readString(stderr, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The stop a Ctrl-C or {@code kill} gives it: SIGTERM, which runs the JVM's shutdown hooks. */
    void terminate() {
      process.destroy();
    }

    CliHarness.Result finish() {
      try {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError("The plugin did not finish within " + TIMEOUT_SECONDS + "s");
        }
        return new CliHarness.Result(
            process.exitValue(),
            Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        try {
          Files.deleteIfExists(stdout);
          Files.deleteIfExists(stderr);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
