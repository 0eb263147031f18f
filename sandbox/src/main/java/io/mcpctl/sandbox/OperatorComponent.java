package io.mcpctl.sandbox;

import io.mcpctl.sandbox.chart.ChartIdentity;
import io.mcpctl.sandbox.process.OperatorLauncher;
import io.mcpctl.time.GoDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as its own process, as in a cluster: {@code java -jar mcpctl-operator.jar} as the
 * Helm chart's ServiceAccount under the RBAC the chart renders ({@code DIR/operator-kubeconfig}),
 * leader election on its Lease in the chart's namespace, a free port for /metrics, /healthz and
 * /readyz, and its output in {@code DIR/operator.log}. Ready once /readyz answers 200, which the
 * operator does only when its controller runs with synced caches.
 */
public final class OperatorComponent implements SandboxComponent {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorComponent.class);

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  /**
   * A long-running JVM started for a few minutes on a shared machine: C1 and the serial collector
   * reach /readyz with the least CPU.
   */
  private static final List<String> JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Path jar;
  private final Duration healthCheckInterval;
  private final KubernetesComponent kubernetes;
  private final ChartIdentity chart;
  private OperatorLauncher.Running operator;
  private boolean closed;
  private Path pidFile;

  /**
   * @param jar the operator's shaded jar
   * @param healthCheckInterval how often the operator looks each token up between rotations
   * @param kubernetes the API the operator's ServiceAccount and RBAC are installed in
   * @param chart the chart's rendered identity; its {@code watchNamespaces} become the operator's
   */
  public OperatorComponent(
      Path jar, Duration healthCheckInterval, KubernetesComponent kubernetes, ChartIdentity chart) {
    this.jar = jar.toAbsolutePath().normalize();
    this.healthCheckInterval = healthCheckInterval;
    this.kubernetes = kubernetes;
    this.chart = chart;
  }

  @Override
  public String name() {
    return "operator";
  }

  @Override
  public void start(SandboxDirectory directory) {
    stopOperatorLeftBehind(directory);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "The operator jar "
              + jar
              + " is missing; build it with `mvn -B -DskipTests package` or pass --operator-jar"
              + " FILE.");
    }
    List<String> flags = new ArrayList<>();
    // Leader election as the chart runs it, so that 'kubectl mcpctl check' finds a Lease held and
    // renewed while the operator runs, and released or expired once it stops.
    flags.add("--leader-election-namespace=" + ChartIdentity.NAMESPACE);
    flags.add("--leader-election-lease-name=" + ChartIdentity.LEASE);
    flags.add("--health-check-interval=" + GoDuration.format(healthCheckInterval));
    if (!chart.watchNamespaces().isEmpty()) {
      flags.add("--watch-namespaces=" + String.join(",", chart.watchNamespaces()));
    }
    Path kubeconfig = chart.installForKubeconfig(kubernetes.api(), directory.operatorKubeconfig());
    LOG.info(
        "Installed the chart's ServiceAccount {}/{} and its RBAC for the operator",
        ChartIdentity.NAMESPACE,
        chart.serviceAccountName());
    OperatorLauncher launcher =
        OperatorLauncher.jar(jar)
            .jvmOptions(JVM_OPTIONS)
            .onFreeMetricsPort()
            .flags(flags)
            .kubeconfig(kubeconfig)
            .log(directory.operatorLog());
    // The operator stops when SecretBackends cannot be watched, so their CRD comes first, as the
    // Helm chart installs it before the Deployment.
    if (SecretBackendCrd.ensureInstalled(directory.kubeconfig())) {
      LOG.info("Installed the SecretBackend CRD for the operator");
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("The sandbox is stopping; the operator was not started.");
      }
      operator = launcher.start();
      pidFile = directory.operatorPid();
      directory.write(pidFile, operator.pid() + "\n");
    }
    LOG.info("Operator started as pid {} from {}; log {}", operator.pid(), jar, operator.log());
  }

  @Override
  public void awaitReady() {
    operator.awaitReady(START_TIMEOUT);
    LOG.info("Operator pid {} is ready (/readyz on port {})", operator.pid(), operator.port());
  }

  @Override
  public String describe() {
    return "operator (pid "
        + operator.pid()
        + ", as "
        + user()
        + ", /metrics /healthz /readyz on port "
        + operator.port()
        + ", log "
        + operator.log()
        + ")";
  }

  /** {@code system:serviceaccount:NS:NAME}, as RBAC and {@code kubectl --as} name it. */
  public String user() {
    return "system:serviceaccount:" + ChartIdentity.NAMESPACE + ":" + chart.serviceAccountName();
  }

  public long pid() {
    return operator.pid();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (operator == null) {
      return;
    }
    operator.close();
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      LOG.warn("Could not remove {}", pidFile, e);
    }
    LOG.info("Operator pid {} stopped", operator.pid());
  }

  /**
   * An operator whose sandbox was killed outright (SIGKILL) outlives it; the next sandbox in the
   * same folder stops it, after checking that the pid still belongs to an operator.
   */
  private static void stopOperatorLeftBehind(SandboxDirectory directory) {
    directory
        .pidOfPreviousOperator()
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(
            handle ->
                handle
                    .info()
                    .commandLine()
                    .filter(line -> line.contains("mcpctl-operator"))
                    .isPresent())
        .ifPresent(
            leftBehind -> {
              LOG.warn(
                  "Stopping operator pid {} left behind by an earlier sandbox", leftBehind.pid());
              leftBehind.destroy();
              try {
                leftBehind.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
              } catch (TimeoutException | ExecutionException stillRunning) {
                leftBehind.destroyForcibly();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    directory.delete(directory.operatorPid());
  }
}
