package io.mcpctl.bench;

import io.mcpctl.openbao.OpenBaoPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the requests of a rotation cost by themselves (issue 18, item 3): {@link RequestFloorDriver}
 * makes them for 1,000 overdue backends in a JVM with the operator image's flags, one way after the
 * other, twice: the API requests through fabric8's model as the operator makes them, through
 * fabric8's JDK and Vert.x HTTP clients with Jackson trees, through the JDK's client alone, and the
 * OpenBao requests alone. Set beside the catch-up's CPU per rotation, it shows how much of that the
 * requests are, and what a thinner API stack could take off.
 */
final class RequestFloor {

  static final int BACKENDS = 1000;

  /** The ways {@link RequestFloorDriver} makes the requests, and what each is. */
  static final Map<String, String> WAYS = ways();

  private static final int ROUNDS = 2;
  private static final Pattern RESULT =
      Pattern.compile("cpu-ms-per-rotation=([0-9.]+) failed=([0-9]+) (.*)");

  private final BenchStand stand;
  private final Report report;
  private final Set<String> tokens = new LinkedHashSet<>();

  RequestFloor(BenchStand stand, Report report) {
    this.stand = stand;
    this.report = report;
  }

  /** The tokens each run's Secrets held at its end, for the leak scan; never printed. */
  Set<String> tokens() {
    return Set.copyOf(tokens);
  }

  /**
   * @param ways some of {@link #WAYS}
   */
  void measure(List<String> ways) {
    for (String way : ways) {
      if (!WAYS.containsKey(way)) {
        throw new IllegalArgumentException(
            "--floor-ways takes some of "
                + String.join(",", WAYS.keySet())
                + ", not '"
                + way
                + "'.");
      }
    }
    Map<String, List<Double>> byWay = new TreeMap<>();
    for (int round = 1; round <= ROUNDS; round++) {
      for (String way : ways) {
        stand.freshKubernetes();
        byWay.computeIfAbsent(way, any -> new ArrayList<>()).add(run(way, round));
      }
    }
    String section = "request floor, " + BACKENDS + " rotations";
    report.info(
        section,
        "what each rotation requests",
        "API: 1 GET secret, 4 PUT secret, 1 list pods, 1 PATCH status, 1 POST event (and the"
            + " watch event of the status); OpenBao: create, renew-self, KV write and read,"
            + " 2 lookup-self, revoke-self");
    WAYS.forEach((way, what) -> describe(section, byWay.get(way), "CPU per rotation, " + what));
  }

  private static Map<String, String> ways() {
    Map<String, String> ways = new LinkedHashMap<>();
    ways.put("model", "API through fabric8's model over its JDK client (as the operator)");
    ways.put("model-vertx", "API through fabric8's model over its Vert.x client");
    ways.put("tree", "API through fabric8's JDK client, bodies as Jackson trees");
    ways.put("vertx", "API through fabric8's Vert.x client, bodies as Jackson trees");
    ways.put("jdk", "API through the JDK's client alone, bodies as Jackson trees");
    ways.put(
        "urlconnection",
        "API through the JDK's blocking HttpsURLConnection (PATCH through its client), trees");
    ways.put("openbao", "the OpenBao requests alone");
    return Collections.unmodifiableMap(ways);
  }

  private void describe(String section, List<Double> runs, String what) {
    if (runs == null) {
      return;
    }
    report.info(
        section,
        what,
        String.format(
            Locale.ROOT,
            "%.1f ms (runs %s)",
            runs.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
            runs.stream()
                .map(run -> String.format(Locale.ROOT, "%.1f", run))
                .collect(Collectors.joining(", "))));
  }

  private double run(String way, int round) {
    String namespace = "floor-" + way + "-" + round;
    stand.fleet.create(
        new Fleet.Plan(
            namespace,
            "overdue",
            BACKENDS,
            Instant.now().minus(Duration.ofMinutes(10)),
            Duration.ZERO));
    Path log = stand.runDirectory.resolve(namespace + ".log");
    DriverJvm.Run run =
        DriverJvm.run(
            stand,
            BenchJar.path().toString(),
            RequestFloorDriver.class,
            List.of(
                way,
                stand.operatorKubeconfig().toString(),
                namespace,
                "overdue",
                Integer.toString(BACKENDS),
                Integer.toString(CatchUp.MAX_CONCURRENT),
                stand.proxy.address().toString(),
                stand.fleet.access().roleName(),
                stand.fleet.access().mount(),
                OpenBaoPaths.namespaceFolder(stand.fleet.access().pathPrefix(), namespace)),
            log,
            "The request floor's driver");
    Matcher result = RESULT.matcher(run.output());
    if (run.exitCode() != 0 || !result.find()) {
      throw new IllegalStateException("The request floor's driver failed; see " + log);
    }
    if (!result.group(2).equals("0")) {
      throw new IllegalStateException(
          result.group(2) + " rotations of the request floor failed; see " + log);
    }
    // Collected now: the next run replaces the API server, and these Secrets with it.
    tokens.addAll(LeakScan.secretTokens(stand.client(), List.of(namespace)));
    report.info(
        "request floor, " + BACKENDS + " rotations",
        "  " + namespace + ", per rotation",
        result.group(1) + " ms: " + result.group(3));
    return Double.parseDouble(result.group(1));
  }
}
