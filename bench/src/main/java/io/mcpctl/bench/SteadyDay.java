package io.mcpctl.bench;

import io.mcpctl.bench.ApiRequestRecorder.ApiCall;
import io.mcpctl.sandbox.openbao.RequestRecord;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A quiet day at scale, in compressed time: N healthy backends whose rotations fall evenly over the
 * day, the operator checking each one every "hour" and rotating each once a "day", with every
 * period shortened by the same factor so the ratios of the defaults hold (check 1h, rotation 24h,
 * jitter 10m, grace 2m). The factor is chosen so the operator sees about {@value
 * #CHECKS_PER_SECOND} checks a second, what two shared cores sustain; a window of {@link #WINDOW}
 * is then counted and scaled to one real day per backend.
 */
final class SteadyDay {

  static final Duration CHECK = Duration.ofHours(1);
  static final Duration INTERVAL = Duration.ofHours(24);
  static final Duration JITTER = Duration.ofMinutes(10);
  static final Duration GRACE = Duration.ofMinutes(2);

  static final int CHECKS_PER_SECOND = 40;
  static final Duration WINDOW = Duration.ofMinutes(3);

  /** The most compression the shortest allowed periods permit (a 5 s check). */
  private static final double MAX_COMPRESSION = 720;

  /** The budget: API writes per backend per day, the rotation included. */
  static final double WRITES_GOAL = 6;

  /** The memory goal at 10,000 backends, with the chart's JVM flags. */
  static final double RSS_GOAL_MIB = 192;

  private final BenchStand stand;
  private final Report report;

  SteadyDay(BenchStand stand, Report report) {
    this.stand = stand;
    this.report = report;
  }

  /** Runs one size; returns the namespace, for the leak scan. */
  String run(int backends) {
    double compression = Math.min(MAX_COMPRESSION, CHECKS_PER_SECOND * 3600.0 / backends);
    Duration check = compressed(CHECK, compression);
    Duration interval = compressed(INTERVAL, compression);
    Duration jitter = compressed(JITTER, compression);
    Duration grace = compressed(GRACE, compression);
    String namespace = "steady-" + backends;
    stand.freshKubernetes();
    long creating = System.nanoTime();
    stand.fleet.create(
        new Fleet.Plan(
            namespace,
            "quiet",
            backends,
            Instant.now().plus(check),
            grace,
            interval,
            jitter,
            true));
    double createSeconds = (System.nanoTime() - creating) / 1e9;
    try (StatusChanges statusChanges = StatusChanges.watch(stand.client(), namespace);
        OperatorProcess operator =
            stand.startOperator(
                namespace,
                List.of(
                    "--watch-namespaces=" + namespace,
                    "--health-check-interval=" + GoDuration.format(check),
                    // Compressed, the day's rotations come faster than the default 2/s.
                    "--max-rotations-per-second=1000"))) {
      // Every backend checked once (the first checks spread over one interval), then counted.
      sleep(check.plus(check.dividedBy(2)));
      int apiMark = stand.api.mark();
      stand.openBao.requestLog().clear();
      statusChanges.startCounting();
      double cpuBefore = operator.cpuSeconds();
      double rotationsBefore = operator.metric("mcpctl_secretbackend_rotations_total", "");
      long started = System.nanoTime();
      sleep(WINDOW);
      double windowSeconds = (System.nanoTime() - started) / 1e9;
      List<ApiCall> api = stand.api.since(apiMark);
      long openBao = stand.openBao.requestLog().answered();
      double cpu = operator.cpuSeconds() - cpuBefore;
      double rotations =
          operator.metric("mcpctl_secretbackend_rotations_total", "") - rotationsBefore;
      long writes = api.stream().filter(ApiCall::isWrite).count();
      long reads = api.size() - writes;

      double realSecondsCovered = windowSeconds * compression;
      double perBackendDay = 86_400.0 / realSecondsCovered / backends;
      String section = String.format(Locale.ROOT, "steady day, %,d backends", backends);
      report.info(
          section,
          "time compressed",
          String.format(
              Locale.ROOT,
              "%.0f× (check %s, rotation %s ± %s, grace %s); %.0f s counted = %.1f h; fleet"
                  + " created in %.0f s",
              compression,
              GoDuration.format(check),
              GoDuration.format(interval),
              GoDuration.format(jitter),
              GoDuration.format(grace),
              windowSeconds,
              realSecondsCovered / 3600,
              createSeconds));
      report.info(
          section,
          "rotations counted (per backend per day)",
          String.format(Locale.ROOT, "%.0f (%.2f)", rotations, rotations * perBackendDay));
      // A day holds one rotation per backend; the window's edges catch a few more or fewer, so
      // the writes are counted per rotation the window saw (heartbeat writes would still count).
      report.atMost(
          section,
          "API writes per backend per day (rotation included): writes per rotation counted",
          writes / Math.max(1, rotations),
          "",
          WRITES_GOAL);
      report.info(section, "  the same, scaled by time", Report.number(writes * perBackendDay));
      report.info(
          section,
          "  writes per rotation, by kind",
          ApiPaths.breakdown(
              api.stream().filter(ApiCall::isWrite).toList(),
              call -> ApiPaths.kubernetesKind(call.method(), call.path()),
              (int) Math.max(1, Math.round(rotations))));
      report.info(
          section,
          "status writes without a rotation (fields they changed)",
          statusChanges.withoutRotation() + " (" + statusChanges.fields() + ")");
      report.info(section, "API reads per backend per day", Report.number(reads * perBackendDay));
      report.info(
          section,
          "  by kind",
          ApiPaths.breakdown(
              api.stream().filter(call -> !call.isWrite()).toList(),
              call -> ApiPaths.kubernetesKind(call.method(), call.path()),
              1 / perBackendDay));
      report.info(
          section, "OpenBao requests per backend per day", Report.number(openBao * perBackendDay));
      List<RequestRecord> kept = stand.openBao.requestLog().entries();
      report.info(
          section,
          kept.size() < openBao
              ? "  by kind (in the proportions of the last " + kept.size() + " kept)"
              : "  by kind",
          ApiPaths.breakdown(
              kept,
              entry ->
                  ApiPaths.openBaoKind(
                      entry.method(), entry.path(), stand.fleet.access().pathPrefix()),
              kept.size() / (openBao * perBackendDay)));
      report.info(
          section,
          "operator CPU per real hour",
          String.format(
              Locale.ROOT,
              "%.1f s (%.2f%% of one core)",
              cpu * 3600 / realSecondsCovered,
              100 * cpu / realSecondsCovered));
      stand.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(5));
      long heap = operator.heapAfterGcKib();
      long resident = operator.residentKib();
      report.info(
          section, "heap after full GC", String.format(Locale.ROOT, "%.1f MiB", heap / 1024.0));
      if (backends >= 10_000) {
        report.atMost(
            section, "resident set size (VmRSS)", resident / 1024.0, " MiB", RSS_GOAL_MIB);
      } else {
        report.info(
            section,
            "resident set size (VmRSS)",
            String.format(Locale.ROOT, "%.1f MiB", resident / 1024.0));
      }
    }
    return namespace;
  }

  private static Duration compressed(Duration real, double compression) {
    return Duration.ofMillis(Math.max(100, Math.round(real.toMillis() / compression)));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during the steady-day window", interrupted);
    }
  }
}
