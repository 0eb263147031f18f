package io.mcpctl.bench;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.sandbox.openbao.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture in docs/dashboard.md: a real run of the packaged operator with six backends rotating
 * every 20 s, OpenBao refusing every mint with a 500 for a while in the middle, and the operator's
 * /metrics sampled every few seconds; the dashboard's "Rotations and failures" panel is drawn from
 * those samples ({@code scripts/bench --only dashboard}).
 */
final class DashboardPicture {

  static final String NAMESPACE = "dashboard";
  private static final int BACKENDS = 6;
  private static final String INTERVAL = "20s";
  private static final String JITTER = "3s";
  private static final Duration RUN = Duration.ofMinutes(4);
  private static final Duration OUTAGE_STARTS = Duration.ofSeconds(90);
  private static final Duration OUTAGE = Duration.ofSeconds(45);
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(3);
  private static final double BUCKET_SECONDS = 15;

  private final BenchStand stand;
  private final Report report;

  DashboardPicture(BenchStand stand, Report report) {
    this.stand = stand;
    this.report = report;
  }

  static List<String> operatorFlags() {
    return List.of("--watch-namespaces=" + NAMESPACE);
  }

  /** Backends due now that rotate every {@value #INTERVAL}. */
  void createBackends() {
    List<String> names =
        stand.fleet.create(
            new Fleet.Plan(NAMESPACE, NAMESPACE, BACKENDS, Instant.now(), Duration.ofSeconds(2)));
    for (String name : names) {
      stand
          .client()
          .resources(SecretBackend.class)
          .inNamespace(NAMESPACE)
          .withName(name)
          .edit(
              edited -> {
                edited.getSpec().getOpenbao().getAuth().getRotation().setInterval(INTERVAL);
                edited.getSpec().getOpenbao().getAuth().getRotation().setJitter(JITTER);
                return edited;
              });
    }
  }

  /** Samples the operator's rotation counters through the run and writes the SVG to {@code out}. */
  void draw(OperatorProcess operator, Path out) {
    List<RotationsChart.Sample> samples = new ArrayList<>();
    long started = System.nanoTime();
    String outage = null;
    boolean outageOver = false;
    while (true) {
      double secondsIn = (System.nanoTime() - started) / 1e9;
      if (outage == null && !outageOver && secondsIn >= OUTAGE_STARTS.toSeconds()) {
        outage =
            stand
                .openBao
                .faults()
                .add(
                    Fault.on("POST", "auth/token/create/.*")
                        .respond(500, "internal error (injected by the dashboard run)")
                        .build());
      }
      if (outage != null && secondsIn >= OUTAGE_STARTS.plus(OUTAGE).toSeconds()) {
        stand.openBao.faults().remove(outage);
        outage = null;
        outageOver = true;
      }
      samples.add(
          new RotationsChart.Sample(
              secondsIn,
              operator.metric("mcpctl_secretbackend_rotations_total", "result=\"success\""),
              operator.metric("mcpctl_secretbackend_rotations_total", "result=\"failure\"")));
      if (secondsIn >= RUN.toSeconds()) {
        break;
      }
      sleep(SAMPLE_EVERY);
    }
    RotationsChart.Sample last = samples.get(samples.size() - 1);
    String caption =
        String.format(
            Locale.ROOT,
            "%d backends, interval %s; OpenBao answered mints 500 from %s to %s; sampled every %ds",
            BACKENDS,
            INTERVAL,
            clock(OUTAGE_STARTS),
            clock(OUTAGE_STARTS.plus(OUTAGE)),
            SAMPLE_EVERY.toSeconds());
    String svg =
        RotationsChart.svg(
            RotationsChart.bars(samples, BUCKET_SECONDS),
            BUCKET_SECONDS,
            "Rotations and failures (increase per 15 s) - scripts/bench --only dashboard",
            caption);
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, svg, StandardCharsets.UTF_8);
    } catch (IOException failure) {
      throw new UncheckedIOException("Could not write " + out, failure);
    }
    String section = "dashboard picture: " + BACKENDS + " backends every " + INTERVAL;
    report.info(
        section, "successful rotations", String.format(Locale.ROOT, "%.0f", last.successes()));
    report.info(section, "failed rotations", String.format(Locale.ROOT, "%.0f", last.failures()));
    report.info(section, "picture", "`" + out + "`");
  }

  private static String clock(Duration sinceStart) {
    return String.format(
        Locale.ROOT, "%d:%02d", sinceStart.toMinutes(), sinceStart.toSecondsPart());
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sampling the operator's metrics");
    }
  }
}
