package io.mcpctl.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.operator.SecretBackendOperator;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OperatorChart;
import io.mcpctl.sandbox.process.OperatorLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes and metrics port of an operator process, as anyone on the pod network reaches it: in a
 * process of its own, since the JDK's server takes its limits once per process.
 */
class HealthEndpointsIT {

  @Test
  void clientsThatNeverFinishTheirRequestHoldUpNoProbeAndAreCutOff(@TempDir Path dir)
      throws Exception {
    try (KubernetesFixture kubernetes = new KubernetesFixture()) {
      Path kubeconfig =
          OperatorChart.everyNamespace()
              .installForKubeconfig(kubernetes.api(), dir.resolve("kubeconfig"));
      try (OperatorLauncher.Running operator =
          OperatorLauncher.mainClass(
                  SecretBackendOperator.class.getName(), System.getProperty("java.class.path"))
              .jvmOptions(List.of("-Xmx128m"))
              .flags(List.of("--metrics-port=0", "--leader-election=false"))
              .kubeconfig(kubeconfig)
              .log(dir.resolve("operator.log"))
              .start()
              .awaitReady(Duration.ofSeconds(60))) {
        List<Socket> stalled = new ArrayList<>();
        try {
          for (int i = 0; i < 8; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", operator.port()), 2_000);
            socket.getOutputStream().write('G');
            socket.getOutputStream().flush();
            stalled.add(socket);
          }

          long started = System.nanoTime();
          assertThat(operator.status("/healthz")).isEqualTo(200);
          assertThat(operator.status("/readyz")).isEqualTo(200);
          assertThat(Duration.ofNanos(System.nanoTime() - started))
              .as("the probes waited for no stalled request")
              .isLessThan(Duration.ofSeconds(2));

          Socket first = stalled.get(0);
          first.setSoTimeout((HealthEndpoints.MAX_REQUEST_SECONDS + 5) * 1_000);
          assertThat(readUntilClosed(first.getInputStream()))
              .as("a request not finished in time is cut off")
              .isTrue();
        } finally {
          for (Socket socket : stalled) {
            socket.close();
          }
        }
      }
    }
  }

  private static boolean readUntilClosed(InputStream in) throws IOException {
    try {
      while (in.read() != -1) {
        // An error page may come first; the end of the stream is what counts.
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
