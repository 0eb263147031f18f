package io.mcpctl.sandbox.process;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the operator as its own process, as a cluster runs it: {@code java <options> -jar
 * mcpctl-operator.jar <flags>} (or its main class on a test's classpath) with {@code KUBECONFIG},
 * its output in a log file, readiness from {@code /readyz}, and a stop as Kubernetes stops a pod
 * (SIGTERM, then SIGKILL). The sandbox, the benchmarks and the tests all start it here.
 */
public final class OperatorLauncher {

  /** Set in the caller's shell, these would change the operator behind the caller's back. */
  private static final List<String> INHERITED_ENVIRONMENT =
      List.of("POD_NAMESPACE", "POD_NAME", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

  private static final Pattern ANNOUNCED_PORT = Pattern.compile("on port (\\d+)");
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final List<String> launch;
  private final List<String> jvmOptions = new ArrayList<>();
  private final List<String> flags = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Path kubeconfig;
  private Path log;
  private OptionalInt port = OptionalInt.empty();
  private boolean freeMetricsPort;

  private OperatorLauncher(List<String> launch) {
    this.launch = List.copyOf(launch);
  }

  /**
   * The packaged operator.
   *
   * @throws IllegalStateException when the jar does not exist (the sentence says how to build it)
   */
  public static OperatorLauncher jar(Path jar) {
    Path absolute = jar.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new IllegalStateException(
          "The operator jar "
              + absolute
              + " is missing; build it with `mvn -B -DskipTests package` or pass its path.");
    }
    return new OperatorLauncher(List.of("-jar", absolute.toString()));
  }

  /** The operator's main class on {@code classpath}, for tests that run before the jar exists. */
  public static OperatorLauncher mainClass(String className, String classpath) {
    return new OperatorLauncher(List.of("-cp", classpath, className));
  }

  public OperatorLauncher jvmOptions(List<String> options) {
    jvmOptions.addAll(options);
    return this;
  }

  public OperatorLauncher flags(List<String> more) {
    flags.addAll(more);
    return this;
  }

  public OperatorLauncher kubeconfig(Path file) {
    this.kubeconfig = file.toAbsolutePath();
    return this;
  }

  /** Environment variables set after the caller's MCPCTL_* and pod variables are removed. */
  public OperatorLauncher environment(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  public OperatorLauncher log(Path file) {
    this.log = file;
    return this;
  }

  /** Passes {@code --metrics-port} with a free port for /metrics, /healthz and /readyz. */
  public OperatorLauncher onFreeMetricsPort() {
    freeMetricsPort = true;
    return this;
  }

  /** The port the operator's flags or environment already name. */
  public OperatorLauncher onPort(int known) {
    port = OptionalInt.of(known);
    return this;
  }

  /** The command line, for messages and for telling an operator process from others. */
  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(launch);
    if (freeMetricsPort && port.isEmpty()) {
      port = OptionalInt.of(freePort());
    }
    if (freeMetricsPort) {
      command.add("--metrics-port=" + port.getAsInt());
    }
    command.addAll(flags);
    return command;
  }

  public Running start() {
    if (kubeconfig == null || log == null) {
      throw new IllegalStateException("The operator needs a kubeconfig and a log file to start.");
    }
    List<String> command = command();
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> variables = builder.environment();
    variables
        .keySet()
        .removeIf(name -> name.startsWith("MCPCTL_") || INHERITED_ENVIRONMENT.contains(name));
    variables.putAll(environment);
    variables.put("KUBECONFIG", kubeconfig.toString());
    try {
      return new Running(builder.start(), port, log);
    } catch (IOException failure) {
      throw new UncheckedIOException("Could not start " + String.join(" ", command), failure);
    }
  }

  /** A started operator. */
  public static final class Running implements AutoCloseable {

    private final Process process;
    private final OptionalInt knownPort;
    private final Path log;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Running(Process process, OptionalInt knownPort, Path log) {
      this.process = process;
      this.knownPort = knownPort;
      this.log = log;
    }

    public long pid() {
      return process.pid();
    }

    public Process process() {
      return process;
    }

    public Path log() {
      return log;
    }

    /** Everything the process printed so far. */
    public String output() {
      try {
        return Files.exists(log) ? Files.readString(log) : "";
      } catch (IOException failure) {
        throw new UncheckedIOException(failure);
      }
    }

    /** The port of /metrics, /healthz and /readyz: as given, or once the operator announces it. */
    public int port() {
      if (knownPort.isPresent()) {
        return knownPort.getAsInt();
      }
      Instant deadline = Instant.now().plusSeconds(60);
      while (true) {
        Matcher announced = ANNOUNCED_PORT.matcher(output());
        if (announced.find()) {
          return Integer.parseInt(announced.group(1));
        }
        if (Instant.now().isAfter(deadline) || !pause()) {
          throw new IllegalStateException(
              "The operator announced no endpoint port; its log is " + log + ".");
        }
      }
    }

    /** GET {@code path} on the endpoint port; empty while nothing listens there. */
    public Optional<HttpResponse<String>> get(String path) {
      try {
        return Optional.of(
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      } catch (IOException notListening) {
        return Optional.empty();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }

    /** The status code of GET {@code path}, 0 while nothing listens. */
    public int status(String path) {
      return get(path).map(HttpResponse::statusCode).orElse(0);
    }

    /**
     * Waits until /readyz answers 200, which the operator does once its controller runs with synced
     * caches.
     *
     * @throws IllegalStateException when the process exits first or {@code timeout} passes
     */
    public Running awaitReady(Duration timeout) {
      Instant deadline = Instant.now().plus(timeout);
      while (status("/readyz") != 200) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "The operator exited with code "
                  + process.exitValue()
                  + " before it was ready; its log is "
                  + log
                  + ".");
        }
        if (Instant.now().isAfter(deadline) || !pause()) {
          throw new IllegalStateException(
              "The operator was not ready within "
                  + GoDuration.format(timeout)
                  + "; its log is "
                  + log
                  + ".");
        }
      }
      return this;
    }

    /** Stops the operator as Kubernetes does (SIGTERM), and forcibly if it lingers. */
    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException interrupted) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    /** Waits on the process rather than sleeping, so that an exit is noticed at once. */
    private boolean pause() {
      try {
        process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException failure) {
      throw new UncheckedIOException("No free port for the operator's endpoints", failure);
    }
  }
}
