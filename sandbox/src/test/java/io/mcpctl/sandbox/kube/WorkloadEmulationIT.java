package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulated controllers and consumer loops, through the real kubectl and real HTTP to the
 * OpenBao stand-in: workloads get pods with owners and start times, a rollout restart replaces
 * them, an env consumer keeps the token it started with, and a volume consumer follows the Secret
 * after the kubelet's delay.
 */
class WorkloadEmulationIT {

  @TempDir static Path dir;
  private static EmbeddedKubernetes kube;
  private static Kubectl kubectl;
  private static OpenBaoStandIn bao;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start();
    kubectl = Kubectl.against(kube.writeKubeconfig(dir.resolve("admin")));
    bao = OpenBaoStandIn.start(StandInOptions.defaults());
    assertThat(kubectl.run("create", "namespace", "apps").succeeded()).isTrue();
  }

  @AfterAll
  static void stop() {
    kubectl.close();
    kube.close();
    bao.close();
  }

  @Test
  void workloadsGetOwnedPodsThatARolloutRestartReplaces() {
    Kubectl.Result applied = kubectl.runWithInput(workloads(), "apply", "-f", "-");
    assertThat(applied.succeeded()).as(applied.describe()).isTrue();
    kube.awaitWorkloadsSettled();

    JsonNode pods = pods();
    assertThat(names(pods)).anyMatch(name -> name.startsWith("web-")).contains("db-0", "db-1");
    assertThat(names(pods)).anyMatch(name -> name.startsWith("agent-"));
    assertThat(kubectl.run("get", "rs", "-n", "apps", "-o", "name").stdout())
        .contains("replicaset.apps/web-");
    for (JsonNode pod : pods.path("items")) {
      assertThat(pod.at("/status/startTime").asText()).isNotEmpty();
      assertThat(pod.at("/metadata/ownerReferences/0/controller").asBoolean()).isTrue();
    }
    String webBefore = webPod(pods);

    Kubectl.Result restarted = kubectl.run("rollout", "restart", "deployment/web", "-n", "apps");
    assertThat(restarted.succeeded()).as(restarted.describe()).isTrue();
    kube.awaitWorkloadsSettled();

    assertThat(webPod(pods())).isNotEqualTo(webBefore);
    assertThat(names(pods())).doesNotContain(webBefore);
  }

  @Test
  void anEnvConsumerKeepsItsTokenAndAVolumeConsumerFollowsTheSecretAfterTheKubeletsDelay()
      throws Exception {
    String first = token();
    assertThat(kubectl.runWithInput(secret(first), "apply", "-f", "-").succeeded()).isTrue();
    assertThat(kubectl.runWithInput(consumers(), "apply", "-f", "-").succeeded()).isTrue();
    kube.awaitWorkloadsSettled();
    await().atMost(Duration.ofSeconds(10)).until(() -> counts("env-reader").requests() > 2);

    String second = token();
    assertThat(kubectl.runWithInput(secret(second), "apply", "-f", "-").succeeded()).isTrue();
    // After the kubelet's delay (2s) the volume consumer reads the new token; then the old one
    // goes.
    Thread.sleep(ConsumerLoops.Settings.defaults().kubeletDelay().plusMillis(700).toMillis());
    revoke(first);

    await().atMost(Duration.ofSeconds(10)).until(() -> counts("env-reader").rejected() > 0);
    ConsumerLoops.Counts volume = counts("volume-reader");
    assertThat(volume.requests()).isGreaterThan(5);
    assertThat(volume.rejected()).as("the volume consumer moved before the revoke").isZero();
    assertThat(counts("env-reader").readsBy()).isEqualTo("env");
    assertThat(counts("env-reader").workload()).startsWith("Deployment/env-reader");
  }

  private static ConsumerLoops.Counts counts(String workload) {
    return kube.consumers().stream()
        .filter(counts -> counts.workload().contains(workload))
        .reduce(
            (a, b) ->
                new ConsumerLoops.Counts(
                    a.namespace(),
                    a.workload(),
                    a.pod(),
                    a.container(),
                    a.readsBy(),
                    a.requests() + b.requests(),
                    a.rejected() + b.rejected(),
                    a.unavailable() + b.unavailable()))
        .orElseThrow();
  }

  private static String consumers() {
    String address = bao.address().toString();
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: env-reader, namespace: apps}
        spec:
          selector: {matchLabels: {app: env-reader}}
          template:
            metadata: {labels: {app: env-reader}}
            spec:
              containers:
              - name: app
                image: app
                env:
                - {name: BAO_ADDR, value: "%1$s"}
                - name: BAO_TOKEN
                  valueFrom: {secretKeyRef: {name: bao-token, key: token}}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: volume-reader, namespace: apps}
        spec:
          selector: {matchLabels: {app: volume-reader}}
          template:
            metadata: {labels: {app: volume-reader}}
            spec:
              volumes: [{name: t, secret: {secretName: bao-token}}]
              containers:
              - name: app
                image: app
                env: [{name: BAO_ADDR, value: "%1$s"}]
                volumeMounts: [{name: t, mountPath: /var/run/bao}]
        """
        .formatted(address);
  }

  private static String workloads() {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: apps}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: web}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: apps}
        spec:
          replicas: 2
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: db}]}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: apps}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec: {containers: [{name: agent, image: agent}]}
        """;
  }

  private static String secret(String token) {
    return """
        apiVersion: v1
        kind: Secret
        metadata: {name: bao-token, namespace: apps}
        data: {token: %s}
        """
        .formatted(Base64.getEncoder().encodeToString(token.getBytes()));
  }

  private static String token() throws Exception {
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(bao.address() + "/v1/auth/token/create"))
                .header("X-Vault-Token", bao.rootToken().reveal())
                .POST(HttpRequest.BodyPublishers.ofString("{\"policies\":[\"default\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Json.parseStored(created.body()).at("/auth/client_token").asText();
  }

  private static void revoke(String token) throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create(bao.address() + "/v1/auth/token/revoke"))
            .header("X-Vault-Token", bao.rootToken().reveal())
            .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode pods() {
    return Json.parseStored(kubectl.run("get", "pods", "-n", "apps", "-o", "json").stdout());
  }

  private static List<String> names(JsonNode pods) {
    List<String> names = new java.util.ArrayList<>();
    pods.path("items").forEach(pod -> names.add(pod.at("/metadata/name").asText()));
    return names;
  }

  private static String webPod(JsonNode pods) {
    return names(pods).stream().filter(name -> name.startsWith("web-")).findFirst().orElseThrow();
  }
}
