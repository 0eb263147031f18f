package io.mcpctl.e2e.helm;

import static io.mcpctl.e2e.helm.OperatorChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.mcpctl.e2e.support.SandboxUp;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.sandbox.kube.Kubectl;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged operator, started with exactly the environment the chart's Deployment gives it (two
 * replicas, as the chart allows), against the embedded API with the chart installed: the settings
 * are accepted, one replica leads through the chart's Lease, both pass the probes the chart
 * declares, and the logs are JSON.
 */
class HelmChartOperatorE2E {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private EmbeddedKubernetes kube;
  private final List<Replica> replicas = new ArrayList<>();

  record Replica(String podName, int port, Process process, Path log) {}

  @BeforeEach
  void installChart() {
    kube = EmbeddedKubernetes.start();
    try (Kubectl kubectl = Kubectl.against(kube.writeKubeconfig(dir.resolve("kubeconfig")))) {
      RenderedChart chart = OperatorChart.render();
      assertThat(kubectl.runWithInput(chart.crdManifest(), "apply", "-f", "-").succeeded())
          .isTrue();
      assertThat(kubectl.run("create", "namespace", NAMESPACE).succeeded()).isTrue();
      Kubectl.Result applied = kubectl.runWithInput(chart.manifest(), "apply", "-f", "-");
      assertThat(applied.succeeded()).as(applied.describe()).isTrue();
    }
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (Replica replica : replicas) {
      replica.process().destroy();
      if (!replica.process().waitFor(20, TimeUnit.SECONDS)) {
        replica.process().destroyForcibly().waitFor();
      }
    }
    kube.close();
  }

  @Test
  void twoReplicasConfiguredByTheChartElectOneLeaderAndBothPassTheirProbes() throws Exception {
    Path jar = operatorJar();
    replicas.add(start(jar, "mcpctl-operator-6d4c9-aaaaa"));
    replicas.add(start(jar, "mcpctl-operator-6d4c9-bbbbb"));

    HttpClient http = HttpClient.newHttpClient();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (Replica replica : replicas) {
                assertThat(replica.process().isAlive()).as(logOf(replica)).isTrue();
                assertThat(status(http, replica, "/healthz"))
                    .as("/healthz of %s", replica.podName())
                    .isEqualTo(200);
                assertThat(status(http, replica, "/readyz"))
                    .as("/readyz of %s", replica.podName())
                    .isEqualTo(200);
              }
            });

    String leaseName = env(OperatorChart.render()).get("MCPCTL_LEADER_ELECTION_LEASE_NAME");
    Lease lease = kube.client().leases().inNamespace(NAMESPACE).withName(leaseName).get();
    assertThat(lease).as("the chart's Lease in the release namespace").isNotNull();
    assertThat(replicas)
        .as("exactly one replica holds %s", lease.getSpec().getHolderIdentity())
        .filteredOn(
            replica -> lease.getSpec().getHolderIdentity().startsWith(replica.podName() + "-"))
        .hasSize(1);
    for (Replica replica : replicas) {
      assertLogsAreJson(replica);
      String metrics =
          http.send(request(replica, "/metrics"), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("mcpctl_kubernetes_api_requests_total");
    }
  }

  /** Starts the jar as the kubelet would start the chart's container, on a port of its own. */
  private Replica start(Path jar, String podName) throws IOException {
    int port = freePort();
    Path values = dir.resolve(podName + "-values.yaml");
    Files.writeString(values, "metrics:\n  port: " + port + "\n");
    Map<String, String> containerEnv = env(OperatorChart.render(values));
    Path log = dir.resolve(podName + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(SandboxUp.javaExecutable(), "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(containerEnv);
    // What the downward API gives the pod, and what the in-cluster config would be.
    builder.environment().put("POD_NAMESPACE", NAMESPACE);
    builder.environment().put("POD_NAME", podName);
    builder.environment().put("KUBECONFIG", dir.resolve("kubeconfig").toString());
    return new Replica(podName, port, builder.start(), log);
  }

  /** The operator container's literal environment variables, as the chart renders them. */
  private static Map<String, String> env(RenderedChart chart) {
    Deployment deployment = chart.one(Deployment.class);
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar variable :
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (variable.getValue() != null) {
        env.put(variable.getName(), variable.getValue());
      }
    }
    return env;
  }

  private static void assertLogsAreJson(Replica replica) throws IOException {
    List<String> lines =
        Files.readAllLines(replica.log()).stream()
            // The java launcher announces JDK_JAVA_OPTIONS on stderr before logging starts.
            .filter(line -> !line.startsWith("NOTE: Picked up JDK_JAVA_OPTIONS"))
            .filter(line -> !line.isBlank())
            .toList();
    assertThat(lines).as("log lines of %s", replica.podName()).isNotEmpty();
    for (String line : lines) {
      assertThat(JSON.readTree(line).has("message")).as("a JSON log line: %s", line).isTrue();
    }
  }

  private static int status(HttpClient http, Replica replica, String path) {
    try {
      return http.send(request(replica, path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notListeningYet) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest request(Replica replica, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + path))
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  private static String logOf(Replica replica) {
    try {
      return replica.podName() + " exited; its log:\n" + Files.readString(replica.log());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path operatorJar() {
    String target = System.getProperty("mcpctl.target", "target");
    Path jar =
        OperatorChart.repoRoot().resolve("operator").resolve(target).resolve("mcpctl-operator.jar");
    assertThat(jar)
        .as("the packaged operator; build it first (mvn -B verify builds every module)")
        .isRegularFile();
    return jar;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
