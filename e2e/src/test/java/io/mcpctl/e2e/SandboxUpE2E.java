package io.mcpctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpctl.e2e.support.Repository;
import io.mcpctl.e2e.support.SandboxUp;
import io.mcpctl.sandbox.kube.Kubectl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox up} as a user runs it: the packaged jar starts the embedded API, the OpenBao
 * stand-in and the operator as its own process, which reconciles; SIGTERM stops all of it, and an
 * operator left behind by a killed sandbox is stopped by the next one in the same folder.
 */
class SandboxUpE2E {

  private static final String OPERATOR = SandboxUp.OPERATOR;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  @TempDir Path work;

  @Test
  void upRunsTheOperatorUntilSigtermStopsEverything() throws Exception {
    Path dir = work.resolve("sandbox");
    Path console = work.resolve("console.txt");
    Process up = startUp(dir, console);
    List<ProcessHandle> children = new ArrayList<>();
    try {
      awaitReady(up, dir, console);
      long operatorPid = Long.parseLong(Files.readString(dir.resolve("operator.pid")).strip());
      ProcessHandle operator = ProcessHandle.of(operatorPid).orElseThrow();
      up.descendants().forEach(children::add);
      assertThat(children).extracting(ProcessHandle::pid).contains(operatorPid);
      assertThat(operator.info().commandLine().orElse(""))
          .contains("mcpctl-operator.jar", "--leader-election-lease-name=mcpctl-operator-leader");

      String rootToken = Files.readString(dir.resolve("admin-token")).strip();
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("admin-token"))))
          .isEqualTo("rw-------");
      assertThat(Files.readString(dir.resolve("openbao.env"))).contains("BAO_TOKEN=" + rootToken);
      assertThat(Files.readString(console))
          .contains(
              "export KUBECONFIG=" + dir.resolve("kubeconfig"),
              "export PATH=\""
                  + Repository.root().resolve("cli-plugin").resolve(Repository.target())
                  + ":$PATH\"",
              "set -a; . " + dir.resolve("openbao.env") + "; set +a",
              "kubectl get sb -A",
              "kubectl auth can-i --list --as=" + OPERATOR,
              "--admin-token-file " + dir.resolve("admin-token"),
              "that stops the operator too.")
          .doesNotContain(rootToken);

      try (Kubectl kubectl = Kubectl.against(dir.resolve("kubeconfig"))) {
        assertThat(
                kubectl
                    .run(
                        "auth",
                        "can-i",
                        "update",
                        "secretbackends",
                        "--subresource=status",
                        "-n",
                        "default",
                        "--as=" + OPERATOR)
                    .stdout()
                    .strip())
            .as("the operator runs under the chart's RBAC")
            .isEqualTo("yes");
        Kubectl.Result listSecrets =
            kubectl.run("auth", "can-i", "list", "secrets", "-n", "default", "--as=" + OPERATOR);
        assertThat(listSecrets.stdout().strip()).as(listSecrets.describe()).isEqualTo("no");
        assertThat(listSecrets.exitCode()).isEqualTo(1);
        Kubectl.Result crd = kubectl.run("apply", "-f", Repository.crds().toString());
        assertThat(crd.exitCode()).as(crd.describe()).isZero();
        assertThat(crd.stderr()).as("up installed the CRD as kubectl apply would").isEmpty();
        Kubectl.Result applied =
            kubectl.runWithInput(
                """
                apiVersion: mcpctl.io/v1alpha1
                kind: SecretBackend
                metadata: {name: plain, namespace: default}
                spec: {type: kubernetes}
                """,
                "apply",
                "-f",
                "-");
        assertThat(applied.exitCode()).as(applied.describe()).isZero();
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () ->
                    assertThat(
                            kubectl
                                .run(
                                    "get",
                                    "sb",
                                    "plain",
                                    "-o",
                                    "jsonpath={.status.conditions[0].status}")
                                .stdout())
                        .as("the operator reconciles what kubectl applies")
                        .isEqualTo("True"));
      }

      up.destroy();
      assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("up stops on SIGTERM").isTrue();
      assertThat(up.exitValue()).isEqualTo(143);
      assertThat(children)
          .as("no process of the sandbox outlives it")
          .noneMatch(ProcessHandle::isAlive);
      assertThat(dir.resolve("ready")).doesNotExist();
      assertThat(dir.resolve("operator.pid")).doesNotExist();
      assertThat(Files.readString(dir.resolve("sandbox.log")))
          .contains("Operator pid " + operatorPid + " stopped", "Sandbox stopped")
          .doesNotContain(rootToken);
      assertThat(Files.readString(dir.resolve("operator.log"))).doesNotContain(rootToken);
      assertThat(Files.readString(dir.resolve("operator-kubeconfig")))
          .as("the operator's kubeconfig is not the admin's")
          .isNotEqualTo(Files.readString(dir.resolve("kubeconfig")));
      List<String> operatorRequests =
          Files.readAllLines(dir.resolve("api-access.tsv")).stream()
              .filter(line -> line.startsWith(OPERATOR + "\t"))
              .toList();
      assertThat(operatorRequests)
          .as("the operator's requests, as the API recorded them")
          .anyMatch(line -> line.contains("\tupdate\tmcpctl.io\tsecretbackends/status\t"))
          .noneMatch(line -> line.endsWith("DENIED"));
    } finally {
      stop(up, children);
    }
  }

  @Test
  void anOperatorLeftBehindByAKilledSandboxIsStoppedByTheNextOne() throws Exception {
    Path dir = work.resolve("killed");
    Process first = startUp(dir, work.resolve("first.txt"));
    List<ProcessHandle> children = new ArrayList<>();
    Process second = null;
    try {
      awaitReady(first, dir, work.resolve("first.txt"));
      first.descendants().forEach(children::add);
      ProcessHandle leftBehind =
          ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("operator.pid")).strip()))
              .orElseThrow();

      first.destroyForcibly().waitFor();
      assertThat(leftBehind.isAlive())
          .as("SIGKILL gives the sandbox no chance to stop it")
          .isTrue();

      second = startUp(dir, work.resolve("second.txt"));
      awaitReady(second, dir, work.resolve("second.txt"));
      second.descendants().forEach(children::add);

      assertThat(leftBehind.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
      assertThat(Long.parseLong(Files.readString(dir.resolve("operator.pid")).strip()))
          .isNotEqualTo(leftBehind.pid());
      assertThat(Files.readString(dir.resolve("sandbox.log")))
          .contains(
              "Stopping operator pid " + leftBehind.pid() + " left behind by an earlier sandbox");
    } finally {
      stop(first, children);
      if (second != null) {
        stop(second, children);
      }
    }
  }

  private static Process startUp(Path dir, Path console) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            Repository.sandboxJar().toString(),
            "up",
            "--dir",
            dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(console.toFile())
        .start();
  }

  /** Waits for DIR/ready naming this sandbox: a killed one leaves its own behind. */
  private static void awaitReady(Process up, Path dir, Path console) {
    await()
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> readQuietly(dir.resolve("ready")).contains("pid=" + up.pid()) || !up.isAlive());
    assertThat(up.isAlive()).as("sandbox up runs; its console: %s", readQuietly(console)).isTrue();
  }

  /** Stops what the test started, the sandbox and every process it started, whatever happened. */
  private static void stop(Process up, List<ProcessHandle> children) throws InterruptedException {
    up.destroy();
    if (!up.waitFor(60, TimeUnit.SECONDS)) {
      up.destroyForcibly().waitFor();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
