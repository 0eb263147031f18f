package io.mcpctl.e2e.helm;

import static io.mcpctl.e2e.helm.OperatorChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.sandbox.kube.Kubectl;
import io.mcpctl.sandbox.process.OperatorLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged operator, started with exactly the environment and the ServiceAccount the chart's
 * Deployment gives it (two replicas, as the chart allows), against the embedded API with the chart
 * installed: the settings are accepted, one replica leads through the chart's Lease, both pass the
 * probes the chart declares, and the logs are JSON.
 */
class HelmChartOperatorE2E {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private EmbeddedKubernetes kube;
  private final List<Replica> replicas = new ArrayList<>();
  private String serviceAccount;

  record Replica(String podName, OperatorLauncher.Running operator) {}

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
      // The replicas authenticate as the chart's ServiceAccount, so its RBAC is all they have.
      serviceAccount = chart.one(ServiceAccount.class).getMetadata().getName();
      kube.writeKubeconfig(
          dir.resolve("operator-kubeconfig"), kube.serviceAccountToken(NAMESPACE, serviceAccount));
    }
  }

  @AfterEach
  void stopEverything() {
    replicas.forEach(replica -> replica.operator().close());
    kube.close();
  }

  @Test
  void twoReplicasConfiguredByTheChartElectOneLeaderAndBothPassTheirProbes() throws Exception {
    Path jar = OperatorChart.operatorJar();
    replicas.add(start(jar, "mcpctl-operator-6d4c9-aaaaa"));
    replicas.add(start(jar, "mcpctl-operator-6d4c9-bbbbb"));

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (Replica replica : replicas) {
                assertThat(replica.operator().process().isAlive()).as(logOf(replica)).isTrue();
                assertThat(replica.operator().status("/healthz"))
                    .as("/healthz of %s", replica.podName())
                    .isEqualTo(200);
                assertThat(replica.operator().status("/readyz"))
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
    try (Kubectl kubectl = Kubectl.against(dir.resolve("kubeconfig"))) {
      String operator = "--as=system:serviceaccount:" + NAMESPACE + ":" + serviceAccount;
      // "secretbackends/status" would name an object called status; the subresource is a flag.
      assertThat(
              canI(
                  kubectl,
                  "update",
                  "secretbackends",
                  "--subresource=status",
                  "-n",
                  "default",
                  operator))
          .isEqualTo("yes");
      assertThat(
              canI(
                  kubectl,
                  "patch",
                  "secretbackends",
                  "--subresource=status",
                  "-n",
                  "default",
                  operator))
          .isEqualTo("no");
      assertThat(canI(kubectl, "patch", "events", "-n", "default", operator)).isEqualTo("yes");
      assertThat(canI(kubectl, "list", "secrets", "-n", "default", operator)).isEqualTo("no");
      assertThat(canI(kubectl, "create", "secretbackends", "-n", "default", operator))
          .isEqualTo("no");
    }
    for (Replica replica : replicas) {
      assertLogsAreJson(replica);
      String metrics = replica.operator().get("/metrics").orElseThrow().body();
      assertThat(metrics).contains("mcpctl_kubernetes_api_requests_total");
      boolean holdsTheLease =
          lease.getSpec().getHolderIdentity().startsWith(replica.podName() + "-");
      assertThat(metrics)
          .as("what the chart's McpctlOperatorNotLeading alert reads, on %s", replica.podName())
          .contains(OperatorMetricNames.LEADER + " " + (holdsTheLease ? "1.0" : "0.0") + "\n");
    }
  }

  /** Starts the jar as the kubelet would start the chart's container, on a port of its own. */
  private Replica start(Path jar, String podName) throws IOException {
    int port = freePort();
    Path values = dir.resolve(podName + "-values.yaml");
    Files.writeString(values, "metrics:\n  port: " + port + "\n");
    Map<String, String> containerEnv = new LinkedHashMap<>(env(OperatorChart.render(values)));
    // What the downward API gives the pod, and what the in-cluster config would be.
    containerEnv.put("POD_NAMESPACE", NAMESPACE);
    containerEnv.put("POD_NAME", podName);
    return new Replica(
        podName,
        OperatorLauncher.jar(jar)
            .environment(containerEnv)
            .onPort(port)
            .kubeconfig(dir.resolve("operator-kubeconfig"))
            .log(dir.resolve(podName + ".log"))
            .start());
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

  /** What {@code kubectl auth can-i} answers: yes or no. */
  private static String canI(Kubectl kubectl, String... arguments) {
    List<String> command = new ArrayList<>(List.of("auth", "can-i"));
    command.addAll(List.of(arguments));
    return kubectl.run(command.toArray(String[]::new)).stdout().strip();
  }

  private static void assertLogsAreJson(Replica replica) throws IOException {
    List<String> lines =
        replica
            .operator()
            .output()
            .lines()
            // The java launcher announces JDK_JAVA_OPTIONS on stderr before logging starts.
            .filter(line -> !line.startsWith("NOTE: Picked up JDK_JAVA_OPTIONS"))
            .filter(line -> !line.isBlank())
            .toList();
    assertThat(lines).as("log lines of %s", replica.podName()).isNotEmpty();
    for (String line : lines) {
      assertThat(JSON.readTree(line).has("message")).as("a JSON log line: %s", line).isTrue();
    }
  }

  private static String logOf(Replica replica) {
    return replica.podName() + " exited; its log:\n" + replica.operator().output();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
