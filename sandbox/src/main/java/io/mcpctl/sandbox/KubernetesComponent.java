package io.mcpctl.sandbox;

import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded Kubernetes API, reachable through {@code DIR/kubeconfig}. */
public final class KubernetesComponent implements SandboxComponent {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesComponent.class);

  private final int port;
  private volatile EmbeddedKubernetes kubernetes;

  /**
   * @param port a loopback port, or 0 for any free one
   */
  public KubernetesComponent(int port) {
    this.port = port;
  }

  @Override
  public String name() {
    return "embedded Kubernetes API";
  }

  @Override
  public void start(SandboxDirectory directory) {
    kubernetes = EmbeddedKubernetes.start(port, Clock.systemUTC());
    kubernetes.writeKubeconfig(directory.kubeconfig());
    LOG.info(
        "Embedded Kubernetes API listening at {}; kubeconfig {}",
        kubernetes.address(),
        directory.kubeconfig());
  }

  @Override
  public void awaitReady() {
    String version = kubernetes.client().getKubernetesVersion().getGitVersion();
    LOG.info("Embedded Kubernetes API answers as {}", version);
  }

  @Override
  public String describe() {
    return "embedded Kubernetes API at " + kubernetes.address();
  }

  @Override
  public void close() {
    if (kubernetes != null) {
      kubernetes.close();
      LOG.info("Embedded Kubernetes API stopped");
    }
  }
}
