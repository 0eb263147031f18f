package io.mcpctl.sandbox;

import io.mcpctl.openbao.OpenBaoNamespace;
import io.mcpctl.sandbox.chart.ChartIdentity;
import io.mcpctl.time.GoDuration;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code up}: starts the sandbox's components on loopback and keeps them until told to stop. */
@Command(
    name = "up",
    sortOptions = false,
    description = {
      "Start the embedded Kubernetes API, the OpenBao stand-in and the operator (as its own"
          + " process) on loopback.",
      "",
      "Writes DIR/kubeconfig (for kubectl and fabric8 clients), DIR/openbao.env (BAO_ADDR and"
          + " BAO_TOKEN) and DIR/admin-token (both readable by you only) and, once the operator"
          + " reconciles, DIR/ready. Installs the SecretBackend CRD and, as the Helm chart renders them, the operator's ServiceAccount and RBAC; the operator runs as that ServiceAccount (DIR/operator-kubeconfig). Runs until"
          + " Ctrl-C or SIGTERM, then stops the operator and everything else and removes"
          + " DIR/ready. Logs go to DIR/sandbox.log and DIR/operator.log.",
      ""
    })
final class UpCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "Folder for kubeconfig, openbao.env, ready and the logs; created if missing.")
  private Path dir;

  @Option(
      names = "--port",
      defaultValue = "0",
      paramLabel = "N",
      description = "Loopback port of the Kubernetes API; 0 (the default) picks a free one.")
  private int port;

  @Option(
      names = "--openbao-port",
      defaultValue = "0",
      paramLabel = "N",
      description = "Loopback port of the OpenBao stand-in; 0 (the default) picks a free one.")
  private int openBaoPort;

  @Option(
      names = "--openbao-tls",
      description =
          "Serve the OpenBao stand-in over https; its CA goes to DIR/openbao-ca.pem and"
              + " BAO_CACERT.")
  private boolean openBaoTls;

  @Option(
      names = "--openbao-namespace",
      split = ",",
      paramLabel = "PATH[,PATH...]",
      description =
          "Create these OpenBao namespaces in the stand-in (nested ones such as team-a/dev"
              + " included), as an OpenBao administrator would, for the wizard's"
              + " --openbao-namespace.")
  private List<String> openBaoNamespaces = List.of();

  @Option(
      names = "--openbao-standbys",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Run the stand-in as an HA cluster: the active node and N standbys behind its one"
              + " address, taking requests in turn (default: ${DEFAULT-VALUE}).")
  private int openBaoStandbys;

  @Option(
      names = "--openbao-replication-lag",
      defaultValue = "0s",
      paramLabel = "DURATION",
      description =
          "How far behind the active node the standbys' state is; they serve reads from it"
              + " (default: ${DEFAULT-VALUE}).")
  private String openBaoReplicationLag;

  @Option(names = "--no-openbao", description = "Start no OpenBao stand-in (no DIR/openbao.env).")
  private boolean noOpenBao;

  @Option(names = "--no-operator", description = "Start no operator and install no CRD.")
  private boolean noOperator;

  @Option(
      names = "--operator-jar",
      paramLabel = "FILE",
      description =
          "The operator jar to run (default: operator/TARGET/mcpctl-operator.jar of the checkout"
              + " this sandbox jar was built in).")
  private Path operatorJar;

  @Option(
      names = "--health-check-interval",
      defaultValue = "15s",
      paramLabel = "DURATION",
      description =
          "How often the operator looks each token up between rotations (default: ${DEFAULT-VALUE},"
              + " so that a sealed OpenBao shows quickly).")
  private String healthCheckInterval;

  @Option(
      names = "--watch-namespaces",
      split = ",",
      paramLabel = "NS[,NS...]",
      description =
          "Install the chart as with watchNamespaces (a Role in each, created if missing) and let"
              + " the operator watch only these; by default it watches every namespace under the"
              + " chart's ClusterRole.")
  private List<String> watchNamespaces = List.of();

  @Option(names = "--verbose", description = "Log every API request to DIR/sandbox.log.")
  private boolean verbose;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  @Override
  public Integer call() throws InterruptedException {
    checkPort("--port", port);
    checkPort("--openbao-port", openBaoPort);
    Duration checkEvery = duration("--health-check-interval", healthCheckInterval);
    List<OpenBaoNamespace> namespaces = openBaoNamespaces();
    Duration lag = replicationLag();
    ProjectLayout layout = ProjectLayout.ofRunningSandbox();
    Path jar = operatorJar != null ? operatorJar : layout.operatorJar();
    Sandbox sandbox = Sandbox.in(dir, verbose, spec.commandLine().getErr());

    List<String> running = new ArrayList<>();
    KubernetesComponent kubernetes = sandbox.start(new KubernetesComponent(port));
    running.add(kubernetes.describe());
    Optional<URI> openBao = Optional.empty();
    if (!noOpenBao) {
      OpenBaoComponent component =
          sandbox.start(
              new OpenBaoComponent(openBaoPort, openBaoTls, namespaces, openBaoStandbys, lag));
      running.add(component.describe());
      openBao = Optional.of(component.address());
    }
    if (!noOperator) {
      ChartIdentity chart = ChartIdentity.render(layout.chart(), watchNamespaces);
      running.add(
          sandbox.start(new OperatorComponent(jar, checkEvery, kubernetes, chart)).describe());
    }
    Optional<Path> plugin =
        Optional.of(layout.pluginDirectory())
            .filter(folder -> Files.isExecutable(folder.resolve("kubectl-mcpctl")));
    PrintWriter out = spec.commandLine().getOut();
    new UpBanner(sandbox.directory(), running, openBao, !noOperator, plugin)
        .lines()
        .forEach(out::println);
    out.flush();
    // Scripts that wait for DIR/ready then read the console must find the banner already there.
    sandbox.markReady();
    new CountDownLatch(1).await();
    return 0;
  }

  private List<OpenBaoNamespace> openBaoNamespaces() {
    if (noOpenBao && !openBaoNamespaces.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--openbao-namespace needs the OpenBao stand-in; drop it or --no-openbao.");
    }
    List<OpenBaoNamespace> namespaces = new ArrayList<>();
    for (String path : openBaoNamespaces) {
      try {
        OpenBaoNamespace.parse(path).ifPresent(namespaces::add);
      } catch (IllegalArgumentException refused) {
        throw new ParameterException(
            spec.commandLine(),
            "--openbao-namespace "
                + path
                + " is not an OpenBao namespace path: "
                + refused.getMessage()
                + "; pass one such as team-a/dev.");
      }
    }
    return namespaces;
  }

  private Duration replicationLag() {
    if (openBaoStandbys < 0 || openBaoStandbys > 9) {
      throw new ParameterException(
          spec.commandLine(),
          "--openbao-standbys " + openBaoStandbys + " is not 0 to 9; pass, for example, 2.");
    }
    try {
      Duration lag = GoDuration.parse(openBaoReplicationLag);
      if (!lag.isNegative()) {
        return lag;
      }
    } catch (IllegalArgumentException notADuration) {
      // reported below
    }
    throw new ParameterException(
        spec.commandLine(),
        "--openbao-replication-lag "
            + openBaoReplicationLag
            + " is no duration; pass one such as 500ms.");
  }

  private void checkPort(String option, int value) {
    if (value < 0 || value > 65535) {
      throw new ParameterException(
          spec.commandLine(),
          option + " " + value + " is no TCP port; pass 0 for any free port or 1 to 65535.");
    }
  }

  private Duration duration(String option, String text) {
    try {
      Duration value = GoDuration.parse(text);
      if (value.compareTo(Duration.ofSeconds(1)) >= 0) {
        return value;
      }
    } catch (IllegalArgumentException notADuration) {
      // reported below
    }
    throw new ParameterException(
        spec.commandLine(),
        option + " " + text + " is no duration of 1s or more; pass one such as 15s or 1m.");
  }
}
