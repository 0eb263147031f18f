package io.mcpctl.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  static final int PAIRED_RUNS = 20;
  static final double GOAL_SECONDS = 0.5;

  /** The MCP secret that get and list read, written once on the backend being described. */
  private static final String BENCH_SECRET = "bench-startup";

  private final BenchStand stand;
  private final Report report;
  private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");

  /** GNU time, for the CPU a run used: unlike wall time it hardly moves with the machine's load. */
  private static final Path TIME = Path.of("/usr/bin/time");

  PluginStartup(BenchStand stand, Report report) {
    this.stand = stand;
    this.report = report;
  }

  /**
   * Medians of wall time and of CPU time (user + system; NaN without /usr/bin/time), in seconds.
   */
  record Timing(double wall, double cpu) {}

  void measure(String namespace, String backend) {
    Path launcher = stand.pluginDirectory.resolve("kubectl-mcpctl");
    Path jar = stand.pluginDirectory.resolve("kubectl-mcpctl.jar");
    Path archive = stand.pluginDirectory.resolve("kubectl-mcpctl.jsa");
    if (!Files.isExecutable(launcher) || !Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "The plugin is not built at "
              + stand.pluginDirectory
              + "; run scripts/bench, which builds it first.");
    }
    String section = "plugin";
    Timing floor = median("java -version", List.of(java.toString(), "-version"), "version");
    report.info(
        section,
        "java -version (the floor), median of " + RUNS,
        seconds(floor.wall()) + " (CPU " + seconds(floor.cpu()) + ")");
    List<String> describe = List.of("describe", "secretbackend", backend, "-n", namespace);
    Timing help = median("kubectl mcpctl --help", kubectlMcpctl(List.of("--help")), "Usage");
    report.atMost(
        section, "kubectl mcpctl --help, median of " + RUNS, help.wall(), " s", GOAL_SECONDS);
    Timing described = median("kubectl mcpctl describe", kubectlMcpctl(describe), backend);
    report.atMost(
        section,
        "kubectl mcpctl describe secretbackend, median of " + RUNS,
        described.wall(),
        " s",
        GOAL_SECONDS);
    report.info(
        section,
        "  CPU time (user + system), median",
        seconds(help.cpu()) + " (--help), " + seconds(described.cpu()) + " (describe)");
    List<String> onBackend = List.of("--backend", backend, "-n", namespace);
    timed(
        "kubectl mcpctl create secret",
        kubectlMcpctl(
            concat(List.of("create", "secret", BENCH_SECRET, "--from-literal=k=v"), onBackend)),
        BENCH_SECRET);
    Timing got =
        median(
            "kubectl mcpctl get secret",
            kubectlMcpctl(concat(List.of("get", "secret", BENCH_SECRET), onBackend)),
            BENCH_SECRET);
    report.atMost(
        section,
        "kubectl mcpctl get secret (OpenBao backend), median of " + RUNS,
        got.wall(),
        " s",
        GOAL_SECONDS);
    Timing listed =
        median(
            "kubectl mcpctl list secrets",
            kubectlMcpctl(concat(List.of("list", "secrets"), onBackend)),
            BENCH_SECRET);
    report.atMost(
        section,
        "kubectl mcpctl list secrets (OpenBao backend), median of " + RUNS,
        listed.wall(),
        " s",
        GOAL_SECONDS);
    Timing kubectlDescribe =
        median(
            "kubectl describe sb",
            List.of("kubectl", "describe", "secretbackend", backend, "-n", namespace),
            backend);
    Timing kubectlGet =
        median(
            "kubectl get sb",
            List.of("kubectl", "get", "secretbackend", backend, "-n", namespace),
            backend);
    report.info(
        section,
        "kubectl itself beside them: describe sb, get sb, median of " + RUNS,
        seconds(kubectlDescribe.wall())
            + ", "
            + seconds(kubectlGet.wall())
            + " (CPU "
            + seconds(kubectlDescribe.cpu())
            + ", "
            + seconds(kubectlGet.cpu())
            + ")");

    List<String> withKubeconfig = new ArrayList<>(describe);
    withKubeconfig.add("--kubeconfig=" + stand.kubeconfig);
    List<List<String>> variants =
        List.of(
            List.of(),
            List.of("-Xshare:off"),
            List.of("-XX:TieredStopAtLevel=1"),
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
            List.of(
                "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1",
                "-XX:+UseSerialGC",
                "-XX:SharedArchiveFile=" + archive,
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"));
    List<Timing> timings = new ArrayList<>();
    for (List<String> variant : variants) {
      List<String> command = new ArrayList<>(List.of(java.toString()));
      command.addAll(variant);
      command.add("-jar");
      command.add(jar.toString());
      command.addAll(withKubeconfig);
      timings.add(median("describe with " + variant, command, backend));
    }
    Timing launcherSet = timings.get(timings.size() - 1);
    StringBuilder options =
        new StringBuilder(
            "Plugin start-up options (describe through `java … -jar kubectl-mcpctl.jar`, median of "
                + RUNS
                + "):\n\n| JVM options | wall | CPU (user + system) | CPU vs the launcher's |\n| --- | --- | --- | --- |\n");
    for (int i = 0; i < variants.size(); i++) {
      String flags =
          variants.get(i).isEmpty()
              ? "(JVM defaults)"
              : String.join(" ", variants.get(i)).replace(archive.toString(), "kubectl-mcpctl.jsa");
      Timing timing = timings.get(i);
      options
          .append("| `")
          .append(flags)
          .append("` | ")
          .append(seconds(timing.wall()))
          .append(" | ")
          .append(seconds(timing.cpu()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.2f×", timing.cpu() / launcherSet.cpu()))
          .append(" |\n");
    }
    options.append(
        "\nThe last row is the launcher's set; its class-data archive is made by the launcher's first run from the class list a training run recorded at build time.");
    report.note(options.toString());
  }

  /**
   * The four commands with the launcher of another build ({@code before}: a folder holding its
   * {@code kubectl-mcpctl}, jar and class list) and with this one, run in turn {@link #PAIRED_RUNS}
   * times after a warm-up each, so that a machine drifting meanwhile moves both alike; medians.
   * Runs after {@link #measure}, which writes the secret that get and list read.
   */
  void compareWith(Path before, String namespace, String backend) {
    requireLauncher(before);
    List<String> onBackend = List.of("--backend", backend, "-n", namespace);
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("--help", List.of("--help"));
    commands.put(
        "describe secretbackend", List.of("describe", "secretbackend", backend, "-n", namespace));
    commands.put("get secret", concat(List.of("get", "secret", BENCH_SECRET), onBackend));
    commands.put("list secrets", concat(List.of("list", "secrets"), onBackend));
    StringBuilder table =
        new StringBuilder(
            "Plugin before and after (`--plugin-before "
                + before
                + "` against this build, through kubectl, in turn, median of "
                + PAIRED_RUNS
                + " each):\n\n"
                + "| command | before | after | CPU before | CPU after |\n"
                + "| --- | --- | --- | --- | --- |\n");
    commands.forEach(
        (name, arguments) -> {
          List<String> command = kubectlMcpctl(arguments);
          String expected =
              name.equals("--help")
                  ? "Usage"
                  : name.startsWith("describe") ? backend : BENCH_SECRET;
          List<Timing> beforeRuns = new ArrayList<>();
          List<Timing> afterRuns = new ArrayList<>();
          timed(before, "before: kubectl mcpctl " + name, command, expected);
          timed(stand.pluginDirectory, "kubectl mcpctl " + name, command, expected);
          for (int run = 0; run < PAIRED_RUNS; run++) {
            beforeRuns.add(timed(before, "before: kubectl mcpctl " + name, command, expected));
            afterRuns.add(
                timed(stand.pluginDirectory, "kubectl mcpctl " + name, command, expected));
          }
          Timing was = medians(beforeRuns);
          Timing is = medians(afterRuns);
          table.append(
              String.format(
                  Locale.ROOT,
                  "| `kubectl mcpctl %s` | %s | %s | %s | %s |%n",
                  name,
                  seconds(was.wall()),
                  seconds(is.wall()),
                  seconds(was.cpu()),
                  seconds(is.cpu())));
          report.info(
              "plugin, before/after",
              "kubectl mcpctl " + name + ", median of " + PAIRED_RUNS + " in turn",
              seconds(was.wall()) + " → " + seconds(is.wall()));
        });
    report.note(table.toString());
  }

  /** Refuses a {@code --plugin-before} folder without a launcher and its jar, before any run. */
  static Path requireLauncher(Path before) {
    if (!Files.isExecutable(before.resolve("kubectl-mcpctl"))
        || !Files.isRegularFile(before.resolve("kubectl-mcpctl.jar"))) {
      throw new IllegalArgumentException(
          "--plugin-before "
              + before
              + " holds no kubectl-mcpctl launcher and jar; pass the folder of another build's"
              + " launcher, jar and class list.");
    }
    return before;
  }

  private static Timing medians(List<Timing> runs) {
    return new Timing(
        Timeline.median(runs.stream().map(Timing::wall).toList()),
        Timeline.median(runs.stream().map(Timing::cpu).toList()));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  private List<String> kubectlMcpctl(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("kubectl", "mcpctl"));
    command.addAll(arguments);
    return command;
  }

  /**
   * One warm-up run, then the medians of {@link #RUNS}; every run must succeed and print {@code
   * expected}.
   */
  private Timing median(String what, List<String> command, String expected) {
    List<Double> walls = new ArrayList<>();
    List<Double> cpus = new ArrayList<>();
    for (int run = 0; run <= RUNS; run++) {
      Timing took = timed(what, command, expected);
      if (run > 0) {
        walls.add(took.wall());
        cpus.add(took.cpu());
      }
    }
    return new Timing(Timeline.median(walls), Timeline.median(cpus));
  }

  private Timing timed(String what, List<String> command, String expected) {
    return timed(stand.pluginDirectory, what, command, expected);
  }

  /** One run with the launcher in {@code pluginDirectory} first on {@code PATH}. */
  private Timing timed(Path pluginDirectory, String what, List<String> command, String expected) {
    try {
      Path output = Files.createTempFile(stand.runDirectory, "plugin-", ".txt");
      Path cpu = Files.createTempFile(stand.runDirectory, "plugin-cpu-", ".txt");
      List<String> measured = new ArrayList<>();
      boolean cpuTimed = Files.isExecutable(TIME);
      if (cpuTimed) {
        measured.addAll(List.of(TIME.toString(), "-o", cpu.toString(), "-f", "%U %S"));
      }
      measured.addAll(command);
      ProcessBuilder builder =
          new ProcessBuilder(measured).redirectErrorStream(true).redirectOutput(output.toFile());
      Map<String, String> environment = builder.environment();
      environment.put("KUBECONFIG", stand.kubeconfig.toString());
      environment.put("KUBECACHEDIR", stand.runDirectory.resolve("kubectl-cache").toString());
      environment.put(
          "PATH", pluginDirectory + File.pathSeparator + environment.getOrDefault("PATH", ""));
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
      double cpuSeconds = Double.NaN;
      if (cpuTimed) {
        String[] fields = Files.readString(cpu, StandardCharsets.UTF_8).strip().split("\\s+");
        cpuSeconds =
            Double.parseDouble(fields[fields.length - 2])
                + Double.parseDouble(fields[fields.length - 1]);
      }
      Files.delete(output);
      Files.delete(cpu);
      if (process.exitValue() != 0 || !printed.contains(expected)) {
        throw new IllegalStateException(
            what
                + " exited "
                + process.exitValue()
                + " without printing \""
                + expected
                + "\":\n"
                + printed);
      }
      return new Timing(took / 1e9, cpuSeconds);
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
