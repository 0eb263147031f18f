package io.mcpctl.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar mcpctl-sandbox.jar up} as its own process, as a user starts it: the embedded
 * Kubernetes API, the OpenBao stand-in and the operator, with the files it writes (kubeconfig,
 * openbao.env, admin-token) and the stand-in's root token for HTTP calls a test makes itself.
 */
public final class SandboxUp implements AutoCloseable {

  /** The chart's ServiceAccount, as the sandbox runs the operator. */
  public static final String OPERATOR = "system:serviceaccount:mcpctl-system:mcpctl-operator";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path directory;
  private final Process process;
  private final Map<String, String> openBao;

  private SandboxUp(Path directory, Process process) {
    this.directory = directory;
    this.process = process;
    this.openBao = readEnvFile(directory.resolve("openbao.env"));
  }

  /** Starts {@code sandbox up --dir WORK/sandbox} with {@code options} and waits for ready. */
  public static SandboxUp start(Path work, String... options) {
    Path directory = work.resolve("sandbox");
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-jar");
    command.add(Repository.sandboxJar().toString());
    command.add("up");
    command.add("--dir");
    command.add(directory.toString());
    command.addAll(List.of(options));
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectOutput(work.resolve("sandbox.out").toFile())
              .redirectError(work.resolve("sandbox.err").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertThat(process.isAlive())
                  .as("sandbox up is running; its stderr: %s", read(work.resolve("sandbox.err")))
                  .isTrue();
              assertThat(directory.resolve("ready")).exists();
            });
    return new SandboxUp(directory, process);
  }

  public Path directory() {
    return directory;
  }

  public Path kubeconfig() {
    return directory.resolve("kubeconfig");
  }

  /** The chart's ServiceAccount, which the sandbox's operator runs as. */
  public Path operatorKubeconfig() {
    return directory.resolve("operator-kubeconfig");
  }

  /** Each kind of request each user made, as {@code sandbox up} records it. */
  public Path apiAccess() {
    return directory.resolve("api-access.tsv");
  }

  /** {@code BAO_ADDR} from openbao.env. */
  public String openBaoAddress() {
    return openBao.get("BAO_ADDR");
  }

  /** {@code BAO_TOKEN} from openbao.env: the stand-in's root token. */
  public String rootToken() {
    return openBao.get("BAO_TOKEN");
  }

  /** {@code kubectl mcpctl ARGS --kubeconfig K} (kubectl refuses flags before a plugin name). */
  public String[] pluginCommand(String... args) {
    List<String> command = new ArrayList<>(List.of("kubectl", "mcpctl"));
    command.addAll(List.of(args));
    command.add("--kubeconfig=" + kubeconfig());
    return command.toArray(String[]::new);
  }

  /** {@code kubectl ARGS} against this sandbox, its discovery cached in {@code cacheDir}. */
  public String[] kubectlCommand(Path cacheDir, String... args) {
    List<String> command = new ArrayList<>(List.of("kubectl"));
    command.addAll(List.of(args));
    command.add("--kubeconfig=" + kubeconfig());
    command.add("--cache-dir=" + cacheDir);
    return command.toArray(String[]::new);
  }

  /** The pid of the operator the sandbox started. */
  public long operatorPid() {
    return Long.parseLong(read(directory.resolve("operator.pid")).strip());
  }

  public Path operatorLog() {
    return directory.resolve("operator.log");
  }

  /** An OpenBao API call with {@code token}; the answer's status and body. */
  public Answer openBao(String method, String path, String token, String jsonBody) {
    return send(URI.create(openBaoAddress() + "/v1/" + path), method, token, jsonBody);
  }

  /** A call to the stand-in's admin API under {@code /_sandbox/}, with the root token. */
  public Answer admin(String method, String path, String jsonBody) {
    return send(URI.create(openBaoAddress() + "/_sandbox/" + path), method, rootToken(), jsonBody);
  }

  private static Answer send(URI uri, String method, String token, String jsonBody) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (token != null) {
      request.header("X-Vault-Token", token);
    }
    try {
      HttpResponse<String> answer =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(answer.statusCode(), answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer. */
  public record Answer(int status, String body) {}

  /** SIGTERM: sandbox up stops the operator and everything else it started. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertOperatorWasNeverDenied(apiAccess());
  }

  /**
   * Fails when the API recorded a request of the operator's ServiceAccount that RBAC denied: the
   * chart and the code disagree, which on a cluster is a broken feature and a 403 in the audit log.
   *
   * @param apiAccess a sandbox's {@code api-access.tsv}
   */
  public static void assertOperatorWasNeverDenied(Path apiAccess) {
    List<String> denied =
        read(apiAccess)
            .lines()
            .filter(line -> line.startsWith(OPERATOR + "\t") && line.endsWith("\tDENIED"))
            .toList();
    if (!denied.isEmpty()) {
      throw new AssertionError("The chart's RBAC denied the operator: " + denied);
    }
  }

  public static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, String> readEnvFile(Path file) {
    Map<String, String> variables = new LinkedHashMap<>();
    Pattern line = Pattern.compile("^(?:export\\s+)?([A-Z_][A-Z0-9_]*)=(.*)$");
    for (String text : read(file).lines().toList()) {
      Matcher matcher = line.matcher(text.strip());
      if (matcher.matches()) {
        variables.put(matcher.group(1), matcher.group(2).replaceAll("^['\"]|['\"]$", ""));
      }
    }
    return variables;
  }

  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
