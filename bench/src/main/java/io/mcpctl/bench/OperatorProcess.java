package io.mcpctl.bench;

import io.mcpctl.sandbox.process.OperatorLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged operator as its own process ({@code java <flags> -jar mcpctl-operator.jar}), as a
 * cluster runs it: its metrics endpoint for counters, {@code /proc} and {@code jcmd} for memory.
 */
final class OperatorProcess implements AutoCloseable {

  /**
   * A generation's (or the whole heap's) line: "total 43712K, used 24000K"; Metaspace has no total.
   */
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern PEAK_RSS = Pattern.compile("VmHWM:\\s+(\\d+) kB");

  private final OperatorLauncher.Running operator;

  private OperatorProcess(OperatorLauncher.Running operator) {
    this.operator = operator;
  }

  /**
   * Starts the operator and waits until {@code /readyz} answers 200 (caches synced).
   *
   * @param jvmFlags the JVM options, as the image sets them in JDK_JAVA_OPTIONS
   * @param flags operator flags besides the metrics port and leader election
   */
  static OperatorProcess start(
      Path jar, Path kubeconfig, List<String> jvmFlags, List<String> flags, Path log) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "The operator jar " + jar + " is missing; run scripts/bench, which builds it first.");
    }
    List<String> allFlags = new ArrayList<>();
    // One replica: a Lease renewed every few seconds would be counted as API writes.
    allFlags.add("--leader-election=false");
    allFlags.addAll(flags);
    return new OperatorProcess(
        OperatorLauncher.jar(jar)
            .jvmOptions(jvmFlags)
            .onFreeMetricsPort()
            .flags(allFlags)
            .kubeconfig(kubeconfig)
            .log(log)
            .start()
            .awaitReady(Duration.ofSeconds(120)));
  }

  long pid() {
    return operator.pid();
  }

  Path log() {
    return operator.log();
  }

  /** CPU (user + system) the operator has used since it started, in seconds. */
  double cpuSeconds() {
    return operator
        .process()
        .toHandle()
        .info()
        .totalCpuDuration()
        .map(cpu -> cpu.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  /**
   * CPU seconds by kind of thread, from each thread's {@code /proc/PID/task/TID/stat}: the JIT
   * compilers, the VM thread (where the serial collector runs), and the rest (the operator's own
   * work, including its HTTP clients). Threads that have ended are missing, so the kinds may add up
   * to less than {@link #cpuSeconds()}.
   */
  Map<String, Double> cpuSecondsByThreadKind() {
    Map<String, Double> byKind = new TreeMap<>();
    double ticksPerSecond = 100; // USER_HZ, 100 on Linux
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
      for (Path task : tasks.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
          continue;
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticksPerSecond;
        String kind =
            name.startsWith("C1 Comp") || name.startsWith("C2 Comp")
                ? "JIT compiler"
                : name.equals("VM Thread") ? "VM thread (GC)" : "application";
        byKind.merge(kind, seconds, Double::sum);
      }
    } catch (IOException unreadable) {
      return Map.of();
    }
    return byKind;
  }

  /** The sum of every sample of {@code name} whose labels contain {@code labelFilter}. */
  double metric(String name, String labelFilter) {
    String text =
        operator
            .get("/metrics")
            .filter(answer -> answer.statusCode() == 200)
            .map(HttpResponse::body)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The operator's /metrics did not answer; see " + operator.log()));
    return text.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> line.contains(labelFilter))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  long reconciles(String outcome) {
    return (long)
        metric(
            "mcpctl_secretbackend_reconcile_duration_seconds_count", "outcome=\"" + outcome + "\"");
  }

  long successfulRotations() {
    return (long) metric("mcpctl_secretbackend_rotations_total", "result=\"success\"");
  }

  /**
   * Requests by HTTP method the operator's own client counted, as a cross-check of the server's
   * view.
   */
  Map<String, Long> clientRequestsByMethod() {
    return Map.of(
        "GET", (long) metric("mcpctl_kubernetes_api_requests_total", "method=\"GET\""),
        "POST", (long) metric("mcpctl_kubernetes_api_requests_total", "method=\"POST\""),
        "PUT", (long) metric("mcpctl_kubernetes_api_requests_total", "method=\"PUT\""),
        "PATCH", (long) metric("mcpctl_kubernetes_api_requests_total", "method=\"PATCH\""),
        "DELETE", (long) metric("mcpctl_kubernetes_api_requests_total", "method=\"DELETE\""));
  }

  /** Resident memory from {@code /proc/<pid>/status}, in KiB. */
  long residentKib() {
    return statusKib(RSS, "VmRSS");
  }

  /** The most the resident set has been since the operator started ({@code VmHWM}), in KiB. */
  long peakResidentKib() {
    return statusKib(PEAK_RSS, "VmHWM");
  }

  private long statusKib(Pattern line, String name) {
    try {
      Matcher value =
          line.matcher(Files.readString(Path.of("/proc", Long.toString(pid()), "status")));
      if (!value.find()) {
        throw new IllegalStateException("/proc/" + pid() + "/status has no " + name + " line.");
      }
      return Long.parseLong(value.group(1));
    } catch (IOException failure) {
      throw new UncheckedIOException("Could not read the operator's resident memory", failure);
    }
  }

  /**
   * Heap in use right after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}), in
   * KiB.
   */
  long heapAfterGcKib() {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher used = HEAP_USED.matcher(info);
    long kib = 0;
    boolean found = false;
    while (used.find()) {
      kib += Long.parseLong(used.group(1));
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("jcmd GC.heap_info printed no heap usage: " + info.strip());
    }
    return kib;
  }

  private String jcmd(String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process run =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command)
              .redirectErrorStream(true)
              .start();
      String output =
          new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + command + " failed: " + output.strip());
      }
      return output;
    } catch (IOException failure) {
      throw new UncheckedIOException("jcmd could not be run", failure);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running jcmd", interrupted);
    }
  }

  /** Stops the operator as Kubernetes does (SIGTERM), and forcibly if it lingers. */
  @Override
  public void close() {
    operator.close();
  }
}
