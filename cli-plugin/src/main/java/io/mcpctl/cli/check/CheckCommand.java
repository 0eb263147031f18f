package io.mcpctl.cli.check;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.Cluster;
import io.mcpctl.cli.common.OutputOptions;
import io.mcpctl.cli.common.PluginRoot;
import io.mcpctl.cli.common.Renderers;
import io.mcpctl.cli.common.TextTable;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl mcpctl check}: is everything fine? The API, the operator and every SecretBackend
 * in scope, one line each, one more per problem with what to do; exit 0 only when all is well.
 */
@Command(
    name = CheckCommand.NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Check that everything is fine: the SecretBackend CRD is installed in the version this"
          + " plugin speaks; an operator holds its Lease and renews it; and each SecretBackend is"
          + " reconciled, Ready, with a healthy token and its expiry runway. For OpenBao backends"
          + " the plugin also asks OpenBao from where it runs whether it is reachable and"
          + " unsealed, and, when you may read the token Secret, what the backend's token may do"
          + " (sys/capabilities-self; nothing is written).",
      "Prints one line per problem with what to do. Exits 0 only when there is none; with"
          + " --wait, checks again until there is none or the time is up.",
      ""
    })
public final class CheckCommand implements Runnable {

  /** The word that names this command, read before picocli starts (it connects ahead). */
  public static final String NAME = "check";

  /** How often --wait checks again: often enough right after helm install, light on the API. */
  static final Duration POLL = Duration.ofSeconds(2);

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "Check the SecretBackends of every namespace, not only -n's.")
  boolean allNamespaces;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      description = "Check again every 2s until all is well or DURATION has passed, e.g. 2m.")
  String wait;

  @Option(
      names = "--operator-namespace",
      paramLabel = "NAMESPACE",
      description =
          "Namespace of the operator's Lease (default: "
              + OperatorCheck.DEFAULT_NAMESPACE
              + ", else found by name).")
  String operatorNamespace;

  @Option(
      names = "--operator-lease",
      paramLabel = "NAME",
      description =
          "Name of the operator's Lease (default: "
              + OperatorCheck.DEFAULT_LEASE
              + ", else any *mcpctl-operator*-leader).")
  String operatorLease;

  @Override
  public void run() {
    Optional<Duration> waitFor = waitFor();
    PluginRoot root = PluginRoot.of(spec);
    Clock clock = root.context().clock();
    CheckReport report;
    try (Cluster cluster = root.kube().connect()) {
      Instant deadline = clock.instant().plus(waitFor.orElse(Duration.ZERO));
      report = check(cluster, clock.instant());
      while (!report.healthy() && clock.instant().plus(POLL).isBefore(deadline)) {
        pause();
        report = check(cluster, clock.instant());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (output.format()) {
      case json -> out.print(Renderers.json(report));
      case yaml -> out.print(Renderers.yaml(report));
      case text -> print(report, out);
    }
    out.flush();
    if (!report.healthy()) {
      throw new CliException(
          report.problems()
              + (report.problems() == 1 ? " problem" : " problems")
              + " found"
              + waitFor.map(d -> " (still, after waiting " + GoDuration.format(d) + ")").orElse("")
              + "; fix "
              + (report.problems() == 1 ? "it" : "them")
              + " as the lines above say and check again.");
    }
  }

  private CheckReport check(Cluster cluster, Instant now) {
    KubernetesClient client = cluster.client();
    List<CheckResult> results = new ArrayList<>();
    CheckResult api = ApiCheck.run(client);
    results.add(api);
    results.addAll(
        new OperatorCheck(client, now)
            .run(Optional.ofNullable(operatorNamespace), Optional.ofNullable(operatorLease)));
    if (!api.isProblem()) {
      BackendCheck backends = new BackendCheck(client, new TokenHealthEvaluator(), now);
      for (SecretBackend backend : backends(cluster)) {
        results.addAll(backends.run(backend));
      }
    }
    return CheckReport.of(Rfc3339.format(now), results);
  }

  private List<SecretBackend> backends(Cluster cluster) {
    var resources = cluster.client().resources(SecretBackend.class);
    List<SecretBackend> found =
        allNamespaces
            ? resources.inAnyNamespace().list().getItems()
            : resources.inNamespace(cluster.namespace()).list().getItems();
    return found.stream()
        .sorted(
            Comparator.comparing((SecretBackend b) -> b.getMetadata().getNamespace())
                .thenComparing(b -> b.getMetadata().getName()))
        .toList();
  }

  private static void print(CheckReport report, PrintWriter out) {
    TextTable table = new TextTable("STATUS", "SUBJECT", "MESSAGE");
    for (CheckResult result : report.results()) {
      table.row(
          result.status().wireName().toUpperCase(java.util.Locale.ROOT),
          result.subject(),
          result.message());
    }
    table.print(out);
    if (report.healthy()) {
      out.println("All is well.");
    }
  }

  private Optional<Duration> waitFor() {
    if (wait == null) {
      return Optional.empty();
    }
    try {
      Duration parsed = GoDuration.parse(wait);
      if (parsed.isNegative() || parsed.isZero()) {
        throw new IllegalArgumentException("it must be positive, such as 30s or 2m");
      }
      return Optional.of(parsed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid --wait: " + e.getMessage());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("Interrupted while waiting for the checks to pass.");
    }
  }
}
