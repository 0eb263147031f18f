package io.mcpctl.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmarks of issue 9 and prints their figures (also written to a Markdown file): the
 * cost of a rotation and of an idle reconcile, catch-up after a restart, the spread of rotations,
 * the operator's memory, and the plugin's start-up. Started by {@code scripts/bench}.
 *
 * <pre>
 * BenchmarkMain --root DIR --target NAME [--out FILE] [--only reconcile,consumers,plugin,catchup100,catchup1000,ratelimit]
 *               [--only catchup10000] [--only floor [--floor-ways model,model-vertx,tree,vertx,jdk,urlconnection,openbao]]
 *               [--only dashboard [--picture FILE]] [--only steady [--steady-sizes 100,1000,10000]]
 *               [--only crowded [--crowded-pods 2000]]
 *               [--operator-java-options "FLAGS"] [--operator-jar JAR] [--plugin-before DIR]
 * </pre>
 *
 * <p>The operator runs with the JVM flags of its image; {@code --operator-java-options} adds some
 * (to profile it, or to try another heap size), and the report shows them. {@code --operator-jar}
 * measures another build of the operator, to compare two; {@code --plugin-before} times the plugin
 * of another build (its launcher's folder) in turn with this one.
 */
public final class BenchmarkMain {

  static final List<String> SECTIONS =
      List.of("reconcile", "consumers", "plugin", "catchup100", "catchup1000", "ratelimit");

  /**
   * Run only when named: "dashboard" draws docs/dashboard-rotations.svg (or {@code --picture FILE})
   * from a run of its own, and measures nothing; "steady" counts a quiet day at each of {@code
   * --steady-sizes} (100, 1,000 and 10,000 backends), which takes a while; "catchup10000" starts
   * the operator with 10,000 overdue backends, to see its memory through the worst start-up at that
   * size; "floor" makes a rotation's requests without the operator ({@link RequestFloor});
   * "crowded" looks for a token's readers among 2,000 pods, or {@code --crowded-pods} ({@link
   * CrowdedNamespace}).
   */
  static final List<String> ON_REQUEST =
      List.of("dashboard", "steady", "catchup10000", "floor", "crowded");

  private static final long RSS_GOAL_KIB = 256 * 1024;

  private BenchmarkMain() {}

  public static void main(String[] args) {
    Path root = Path.of(option(args, "--root", ".")).toAbsolutePath().normalize();
    String target = option(args, "--target", "target");
    Path out =
        Path.of(
            option(
                args,
                "--out",
                root.resolve("bench").resolve(target).resolve("benchmark-results.md").toString()));
    Set<String> sections = sections(option(args, "--only", String.join(",", SECTIONS)));
    List<String> extraJvmFlags =
        Arrays.stream(option(args, "--operator-java-options", "").split("\\s+"))
            .filter(flag -> !flag.isBlank())
            .toList();

    Report report = new Report();
    String started =
        Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString();
    String loadBefore = loadAverage();
    long began = System.nanoTime();
    Set<String> tokens = new LinkedHashSet<>();
    RuntimeException failed = null;
    Optional<Path> operatorJar =
        Optional.of(option(args, "--operator-jar", "")).filter(jar -> !jar.isBlank()).map(Path::of);
    Optional<Path> pluginBefore =
        Optional.of(option(args, "--plugin-before", ""))
            .filter(folder -> !folder.isBlank())
            .map(folder -> PluginStartup.requireLauncher(Path.of(folder).toAbsolutePath()));
    try (BenchStand stand = BenchStand.start(root, target, extraJvmFlags, operatorJar)) {
      operatorJar.ifPresent(jar -> report.info("operator", "jar", "`" + jar + "`"));
      report.info(
          "operator",
          extraJvmFlags.isEmpty()
              ? "JVM flags (the image's)"
              : "JVM flags (the image's, then --operator-java-options)",
          "`" + String.join(" ", stand.operatorJvmFlags) + "`");
      if (sections.contains("reconcile")) {
        ReconcileCost cost = new ReconcileCost(stand, report);
        cost.createBackends();
        try (OperatorProcess operator =
            stand.startOperator("operator-reconcile", ReconcileCost.operatorFlags())) {
          cost.measureRotation(operator);
          cost.measureIdle(operator);
          memory(stand, operator, report, "memory, " + ReconcileCost.BACKENDS + " backends", false);
          if (sections.contains("plugin")) {
            PluginStartup plugin = new PluginStartup(stand, report);
            plugin.measure(ReconcileCost.NAMESPACE, ReconcileCost.NAMESPACE + "-1");
            pluginBefore.ifPresent(
                before ->
                    plugin.compareWith(
                        before, ReconcileCost.NAMESPACE, ReconcileCost.NAMESPACE + "-1"));
          }
        }
        tokens.addAll(LeakScan.secretTokens(stand.client(), List.of(ReconcileCost.NAMESPACE)));
      }
      CatchUp catchUp = new CatchUp(stand, report);
      if (sections.contains("catchup100")) {
        stand.freshKubernetes();
        try (OperatorProcess operator = catchUp.run(100, 1000, true).operator()) {
          tokens.addAll(LeakScan.secretTokens(stand.client(), catchUp.namespaces()));
        }
      }
      if (sections.contains("catchup1000")) {
        stand.freshKubernetes();
        CatchUp.Result result = catchUp.run(1000, 1000, true);
        try (OperatorProcess operator = result.operator()) {
          SteadyState.report(catchUp.nextRotations(result.namespace()), report);
          memory(stand, operator, report, "memory, 1,000 backends", true);
          tokens.addAll(LeakScan.secretTokens(stand.client(), List.of(result.namespace())));
        }
      }
      if (sections.contains("catchup10000")) {
        stand.freshKubernetes();
        CatchUp.Result result = catchUp.run(10_000, 1000, true);
        try (OperatorProcess operator = result.operator()) {
          memory(stand, operator, report, "memory, 10,000 backends after catching up", false);
          report.info(
              "memory, 10,000 backends after catching up",
              "peak resident set size through the catch-up (VmHWM)",
              String.format(Locale.ROOT, "%.1f MiB", operator.peakResidentKib() / 1024.0));
          tokens.addAll(LeakScan.secretTokens(stand.client(), List.of(result.namespace())));
        }
      }
      if (sections.contains("floor")) {
        RequestFloor floor = new RequestFloor(stand, report);
        floor.measure(
            List.of(
                option(args, "--floor-ways", String.join(",", RequestFloor.WAYS.keySet()))
                    .split(",")));
        tokens.addAll(floor.tokens());
      }
      if (sections.contains("crowded")) {
        stand.freshKubernetes();
        new CrowdedNamespace(stand, report)
            .measure(
                Integer.parseInt(
                    option(args, "--crowded-pods", Integer.toString(CrowdedNamespace.PODS))));
      }
      if (sections.contains("consumers")) {
        stand.freshKubernetes();
        ConsumerRotation consumers = new ConsumerRotation(stand, report);
        String backend = consumers.prepare();
        try (OperatorProcess operator =
            stand.startOperator("operator-consumers", ConsumerRotation.operatorFlags())) {
          consumers.measure(operator, backend);
        }
        tokens.addAll(LeakScan.secretTokens(stand.client(), List.of(ConsumerRotation.NAMESPACE)));
      }
      if (sections.contains("ratelimit")) {
        stand.freshKubernetes();
        CatchUp.Result result = catchUp.run(30, 5, false);
        try (OperatorProcess operator = result.operator()) {
          tokens.addAll(LeakScan.secretTokens(stand.client(), List.of(result.namespace())));
        }
      }
      if (sections.contains("steady")) {
        SteadyDay steady = new SteadyDay(stand, report);
        for (String size : option(args, "--steady-sizes", "100,1000,10000").split(",")) {
          String namespace = steady.run(Integer.parseInt(size.strip()));
          tokens.addAll(LeakScan.secretTokens(stand.client(), List.of(namespace)));
        }
      }
      if (sections.contains("dashboard")) {
        stand.freshKubernetes();
        DashboardPicture picture = new DashboardPicture(stand, report);
        picture.createBackends();
        try (OperatorProcess operator =
            stand.startOperator("operator-dashboard", DashboardPicture.operatorFlags())) {
          picture.draw(
              operator,
              Path.of(
                  option(
                      args,
                      "--picture",
                      root.resolve("docs").resolve("dashboard-rotations.svg").toString())));
        }
        tokens.addAll(LeakScan.secretTokens(stand.client(), List.of(DashboardPicture.NAMESPACE)));
      }
      tokens.addAll(stand.fleet.mintedTokens());
      LeakScan.Findings findings = LeakScan.scan(LeakScan.logsIn(stand.runDirectory), tokens);
      report.atMost(
          "safety",
          "token values (of " + tokens.size() + " known) in the operator logs",
          findings.knownTokens(),
          "",
          0);
      report.atMost(
          "safety", "token-shaped strings in the operator logs", findings.tokenShaped(), "", 0);
    } catch (RuntimeException failure) {
      // The figures taken so far are still printed; the run then fails.
      failed = failure;
      report.note("**The run stopped early:** " + failure.getMessage());
    }

    String text =
        header(
                root,
                target,
                started,
                loadBefore,
                Duration.ofNanos(System.nanoTime() - began),
                String.join(",", sections))
            + report.markdown();
    System.out.println(text);
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, text, StandardCharsets.UTF_8);
      System.out.println("Written to " + out);
    } catch (IOException failure) {
      throw new UncheckedIOException("Could not write " + out, failure);
    }
    if (failed != null) {
      failed.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void memory(
      BenchStand stand, OperatorProcess operator, Report report, String section, boolean goal) {
    stand.awaitQuiet(Duration.ofSeconds(2), Duration.ofSeconds(60));
    long heap = operator.heapAfterGcKib();
    long resident = operator.residentKib();
    report.info(
        section, "heap after full GC", String.format(Locale.ROOT, "%.1f MiB", heap / 1024.0));
    if (goal) {
      report.atMost(
          section, "resident set size (VmRSS)", resident / 1024.0, " MiB", RSS_GOAL_KIB / 1024.0);
    } else {
      report.info(
          section,
          "resident set size (VmRSS)",
          String.format(Locale.ROOT, "%.1f MiB", resident / 1024.0));
    }
  }

  private static String header(
      Path root, String target, String started, String loadBefore, Duration took, String sections) {
    return "# mcpctl benchmark results\n\n"
        + "- date: "
        + started
        + "\n"
        + "- command: `scripts/bench` (sections "
        + sections
        + ", build folder "
        + target
        + ")\n"
        + "- machine: "
        + Runtime.getRuntime().availableProcessors()
        + " CPUs, "
        + memTotal()
        + " memory; load average "
        + loadBefore
        + " before, "
        + loadAverage()
        + " after\n"
        + "- java: "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + "\n"
        + "- kubectl: "
        + kubectlVersion()
        + "\n"
        + "- harness wall time: "
        + took.toSeconds()
        + " s\n\n";
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith(name + "=")) {
        return args[i].substring(name.length() + 1);
      }
    }
    return fallback;
  }

  private static Set<String> sections(String list) {
    Set<String> chosen = new LinkedHashSet<>(Arrays.asList(list.split(",")));
    chosen.removeIf(String::isBlank);
    for (String section : chosen) {
      if (!SECTIONS.contains(section) && !ON_REQUEST.contains(section)) {
        throw new IllegalArgumentException(
            "Unknown section '"
                + section
                + "'; pick from "
                + String.join(",", SECTIONS)
                + ","
                + String.join(",", ON_REQUEST)
                + ".");
      }
    }
    if (chosen.contains("plugin")) {
      // The plugin describes a backend the reconcile section creates.
      chosen.add("reconcile");
    }
    return chosen;
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException unavailable) {
      return "unknown";
    }
  }

  private static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(line -> line.startsWith("MemTotal:"))
          .map(
              line ->
                  String.format(
                      Locale.ROOT,
                      "%.1f GiB",
                      Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
          .findFirst()
          .orElse("unknown");
    } catch (IOException unavailable) {
      return "unknown";
    }
  }

  private static String kubectlVersion() {
    try {
      Process process =
          new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return output
          .lines()
          .filter(line -> line.startsWith("Client Version"))
          .findFirst()
          .orElse(output.strip());
    } catch (IOException failure) {
      return "not found";
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
