package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.OperatorChart;
import io.mcpctl.sandbox.chart.ChartIdentity;
import io.mcpctl.sandbox.process.OperatorLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two operator processes with leader election: one leads, the other stands by, nothing doubles. */
class LeaderElectionIT {

  private static final String NAMESPACE = "elected";
  private static final int BACKENDS = 3;

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final OpenBaoFixture bao = new OpenBaoFixture(Clock.systemUTC());
  private final List<OperatorLauncher.Running> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(OperatorLauncher.Running::close);
    bao.close();
    kubernetes.close();
  }

  @Test
  void twoOperatorProcessesRotateEachBackendOnce(@TempDir Path dir) throws Exception {
    // As the chart's ServiceAccount, so the Lease is reachable only as the chart's Role allows.
    Path kubeconfig =
        OperatorChart.everyNamespace()
            .installForKubeconfig(kubernetes.api(), dir.resolve("kubeconfig"));
    for (String name : List.of("a", "b")) {
      processes.add(
          OperatorLauncher.mainClass(
                  SecretBackendOperator.class.getName(), System.getProperty("java.class.path"))
              .jvmOptions(List.of("-Xmx256m"))
              .flags(
                  List.of(
                      "--metrics-port=0",
                      "--log-format=json",
                      "--leader-election-namespace=" + ChartIdentity.NAMESPACE))
              .kubeconfig(kubeconfig)
              .log(dir.resolve("operator-" + name + ".log"))
              .start());
    }
    kubernetes.createNamespace(NAMESPACE);
    List<IssuedToken> firstTokens = new ArrayList<>();
    for (int i = 1; i <= BACKENDS; i++) {
      String name = "elected-" + i;
      IssuedToken token = bao.provision(NAMESPACE, name);
      firstTokens.add(token);
      kubernetes.createRotating(bao, NAMESPACE, name, token, "24h");
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              for (int i = 1; i <= BACKENDS; i++) {
                var backend = kubernetes.get(NAMESPACE, "elected-" + i);
                assertThat(backend.getStatus()).isNotNull();
                assertThat(backend.getStatus().getTokenMeta().getLastRotationAt()).isNotNull();
              }
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                processes.forEach(
                    process -> assertThat(process.status("/readyz")).as("/readyz").isEqualTo(200)));
    for (OperatorLauncher.Running process : processes) {
      assertThat(process.status("/healthz")).isEqualTo(200);
    }

    Lease lease =
        kubernetes
            .client()
            .leases()
            .inNamespace(ChartIdentity.NAMESPACE)
            .withName("mcpctl-operator-leader")
            .get();
    String holder = lease.getSpec().getHolderIdentity();
    List<Long> rotatedLines =
        processes.stream()
            .map(process -> Pattern.compile("Rotated:").matcher(process.output()).results().count())
            .toList();
    assertThat(rotatedLines)
        .as("rotations logged by each process")
        .containsExactlyInAnyOrder(0L, (long) BACKENDS);
    assertThat(processes.stream().filter(process -> process.output().contains(holder + " leads")))
        .hasSize(1);
    for (int i = 1; i <= BACKENDS; i++) {
      String role = bao.access("elected-" + i).roleName();
      assertThat(
              bao.requests().stream()
                  .filter(record -> record.path().equals("/v1/auth/token/create/" + role)))
          .as("mints of elected-" + i + " (one by the wizard, one by the operator)")
          .hasSize(2);
    }
    String logs =
        processes.stream().map(OperatorLauncher.Running::output).reduce("", String::concat);
    for (IssuedToken token : firstTokens) {
      assertThat(logs).doesNotContain(token.clientToken().reveal());
    }
    assertThat(Files.readString(dir.resolve("operator-a.log"))).contains("\"level\":\"INFO\"");
  }
}
