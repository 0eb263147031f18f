package io.mcpctl.sandbox;

import io.mcpctl.time.GoDuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as its own process, as in a cluster: {@code java -jar mcpctl-operator.jar} with
 * KUBECONFIG pointing at the sandbox, leader election off (one local replica, nothing to elect), a
 * free port for /metrics, /healthz and /readyz, and its output in {@code DIR/operator.log}. Ready
 * once /readyz answers 200, which the operator does only when its controller runs with synced
 * caches.
 */
public final class OperatorComponent implements SandboxComponent {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorComponent.class);

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  /**
   * A long-running JVM started for a few minutes on a shared machine: C1 and the serial collector
   * reach /readyz with the least CPU.
   */
  private static final List<String> JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Path jar;
  private final Duration healthCheckInterval;
  private Process process;
  private boolean closed;
  private int port;
  private Path log;
  private Path pidFile;

  /**
   * @param jar the operator's shaded jar
   * @param healthCheckInterval how often the operator looks each token up between rotations
   */
  public OperatorComponent(Path jar, Duration healthCheckInterval) {
    this.jar = jar.toAbsolutePath().normalize();
    this.healthCheckInterval = healthCheckInterval;
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
    // The operator stops when SecretBackends cannot be watched, so their CRD comes first, as the
    // Helm chart installs it before the Deployment.
    if (SecretBackendCrd.ensureInstalled(directory.kubeconfig())) {
      LOG.info("Installed the SecretBackend CRD for the operator");
    }
    port = freePort();
    log = directory.operatorLog();
    ProcessBuilder builder =
        new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    // Flags set everything the sandbox cares about; MCPCTL_* from the user's shell would only
    // add surprises.
    environment.keySet().removeIf(name -> name.startsWith("MCPCTL_"));
    environment.put("KUBECONFIG", directory.kubeconfig().toString());
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("The sandbox is stopping; the operator was not started.");
      }
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start " + String.join(" ", command()), e);
      }
      pidFile = directory.operatorPid();
      directory.write(pidFile, process.pid() + "\n");
    }
    LOG.info("Operator started as pid {} from {}; log {}", process.pid(), jar, log);
  }

  @Override
  public void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest readyz =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try {
      while (!answersOk(http, readyz)) {
        // Waiting on the process, rather than sleeping, notices at once when it exits.
        if (process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(
              "The operator exited with code "
                  + process.exitValue()
                  + " before it was ready; its log is "
                  + log
                  + ".");
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "The operator was not ready within "
                  + GoDuration.format(START_TIMEOUT)
                  + "; its log is "
                  + log
                  + ".");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the operator", e);
    }
    LOG.info("Operator pid {} is ready (/readyz on port {})", process.pid(), port);
  }

  @Override
  public String describe() {
    return "operator (pid "
        + process.pid()
        + ", /metrics /healthz /readyz on port "
        + port
        + ", log "
        + log
        + ")";
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("The operator did not stop within {}; killing it", STOP_TIMEOUT);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      LOG.warn("Could not remove {}", pidFile, e);
    }
    LOG.info("Operator pid {} stopped", process.pid());
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--leader-election=false",
            "--metrics-port=" + port,
            "--health-check-interval=" + GoDuration.format(healthCheckInterval)));
    return command;
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

  private static boolean answersOk(HttpClient http, HttpRequest request)
      throws InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYetListening) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port for the operator's endpoints", e);
    }
  }
}
