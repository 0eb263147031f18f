package io.mcpctl.operator.testing;

import static org.awaitility.Awaitility.await;

import io.mcpctl.operator.SecretBackendOperator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as its own process, started through its main class with this test's classpath (the
 * jar is only built after the tests) and a kubeconfig in {@code KUBECONFIG}, as {@code java -jar}
 * runs it.
 */
public final class OperatorProcess implements AutoCloseable {

  private static final Pattern PORT = Pattern.compile("on port (\\d+)");

  private final Process process;
  private final Path log;

  private OperatorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static OperatorProcess start(Path kubeconfig, Path logFile, String... flags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SecretBackendOperator.class.getName());
    command.addAll(List.of(flags));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(name -> name.startsWith("MCPCTL_") || name.equals("POD_NAMESPACE"));
    environment.put("KUBECONFIG", kubeconfig.toString());
    try {
      return new OperatorProcess(builder.start(), logFile);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  /** Everything the process printed so far. */
  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  /** The port of /metrics, /healthz and /readyz, once the process has announced it. */
  public int port() {
    await().atMost(Duration.ofSeconds(60)).until(() -> PORT.matcher(output()).find());
    Matcher matcher = PORT.matcher(output());
    matcher.find();
    return Integer.parseInt(matcher.group(1));
  }

  /** The status code of GET {@code path} on the process's endpoint port. */
  public int get(String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException failure) {
      return 0;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
