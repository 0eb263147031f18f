package io.mcpctl.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of the plugin as a user runs it ({@code kubectl mcpctl …}), median of ten after one
 * warm-up run, against {@code java -version} as the floor; then the same describe through {@code
 * java} directly with each start-up option, to show what each one buys.
 */
final class PluginStartup {

  static final int RUNS = 10;
  static final double GOAL_SECONDS = 0.5;

  private final BenchStand stand;
  private final Report report;
  private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");

  PluginStartup(BenchStand stand, Report report) {
    this.stand = stand;
    this.report = report;
  }

  void measure(String namespace, String backend) {
    Path launcher = stand.pluginDirectory.resolve("kubectl-mcpctl");
    Path jar = stand.pluginDirectory.resolve("kubectl-mcpctl.jar");
    Path archive = stand.pluginDirectory.resolve("kubectl-mcpctl.jsa");
    if (!Files.isExecutable(launcher) || !Files.isRegularFile(jar)) {
      throw new IllegalStateException("The plugin is not built at " + stand.pluginDirectory + "; run scripts/bench, which builds it first.");
    }
    String section = "plugin";
    double floor = median("java -version", List.of(java.toString(), "-version"), "version");
    report.info(section, "java -version (the floor)", seconds(floor));
    List<String> describe = List.of("describe", "secretbackend", backend, "-n", namespace);
    double help = median("kubectl mcpctl --help", kubectlMcpctl(List.of("--help")), "Usage");
    report.atMost(section, "kubectl mcpctl --help, median of " + RUNS, help, " s", GOAL_SECONDS);
    double described = median("kubectl mcpctl describe", kubectlMcpctl(describe), backend);
    report.atMost(section, "kubectl mcpctl describe secretbackend, median of " + RUNS, described, " s", GOAL_SECONDS);
    report.info(section, "  above the floor", seconds(help - floor) + " (--help), " + seconds(described - floor) + " (describe)");

    List<String> withKubeconfig = new ArrayList<>(describe);
    withKubeconfig.add("--kubeconfig=" + stand.kubeconfig);
    StringBuilder options = new StringBuilder("Plugin start-up options (describe, `java … -jar kubectl-mcpctl.jar`, median of " + RUNS + "):\n\n| JVM options | median | vs the launcher's |\n| --- | --- | --- |\n");
    List<List<String>> variants =
        List.of(
            List.of(),
            List.of("-Xshare:off"),
            List.of("-XX:TieredStopAtLevel=1"),
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    double[] medians = new double[variants.size()];
    for (int i = 0; i < variants.size(); i++) {
      List<String> command = new ArrayList<>(List.of(java.toString()));
      command.addAll(variants.get(i));
      command.add("-jar");
      command.add(jar.toString());
      command.addAll(withKubeconfig);
      medians[i] = median("describe with " + variants.get(i), command, backend);
    }
    double launcherSet = medians[medians.length - 1];
    for (int i = 0; i < variants.size(); i++) {
      String flags = variants.get(i).isEmpty() ? "(JVM defaults)" : String.join(" ", variants.get(i)).replace(archive.toString(), "kubectl-mcpctl.jsa");
      options.append("| `").append(flags).append("` | ").append(seconds(medians[i])).append(" | ")
          .append(String.format(Locale.ROOT, "%.2f×", medians[i] / launcherSet)).append(" |\n");
    }
    options.append("\nThe last row is what the launcher runs (its archive is written at build time by a training run).");
    report.note(options.toString());
  }

  private List<String> kubectlMcpctl(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("kubectl", "mcpctl"));
    command.addAll(arguments);
    return command;
  }

  /** One warm-up run, then the median of {@link #RUNS}; every run must succeed and print {@code expected}. */
  private double median(String what, List<String> command, String expected) {
    List<Double> times = new ArrayList<>();
    for (int run = 0; run <= RUNS; run++) {
      double took = timed(what, command, expected);
      if (run > 0) {
        times.add(took);
      }
    }
    return Timeline.median(times);
  }

  private double timed(String what, List<String> command, String expected) {
    try {
      Path output = Files.createTempFile(stand.runDirectory, "plugin-", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      Map<String, String> environment = builder.environment();
      environment.put("KUBECONFIG", stand.kubeconfig.toString());
      environment.put("KUBECACHEDIR", stand.runDirectory.resolve("kubectl-cache").toString());
      environment.put("PATH", stand.pluginDirectory + File.pathSeparator + environment.getOrDefault("PATH", ""));
      environment.remove("JDK_JAVA_OPTIONS");
      environment.remove("JAVA_TOOL_OPTIONS");
      environment.remove("MCPCTL_JAVA_OPTS");
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      long start = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish within 60 s.");
      }
      long took = System.nanoTime() - start;
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      Files.delete(output);
      if (process.exitValue() != 0 || !printed.contains(expected)) {
        throw new IllegalStateException(what + " exited " + process.exitValue() + " without printing \"" + expected + "\":\n" + printed);
      }
      return took / 1e9;
    } catch (IOException failure) {
      throw new UncheckedIOException("Could not run " + what, failure);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while timing " + what, interrupted);
    }
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.3f s", value);
  }
}
