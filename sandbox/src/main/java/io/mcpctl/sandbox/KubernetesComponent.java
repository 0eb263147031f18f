package io.mcpctl.sandbox;

import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.sandbox.kube.rbac.AccessLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Kubernetes API, reachable through {@code DIR/kubeconfig}. Each kind of request each
 * user makes goes to {@code DIR/api-access.tsv} once, and each request RBAC denies to the log, as a
 * cluster's audit log would show them.
 */
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
    Path accessFile = directory.apiAccess();
    directory.write(accessFile, "user\tverb\tgroup\tresource\tnamespace\tverdict\n");
    kubernetes.accessLog().onFirstUse(use -> record(accessFile, use));
    LOG.info(
        "Embedded Kubernetes API listening at {}; kubeconfig {}",
        kubernetes.address(),
        directory.kubeconfig());
  }

  /** The running API, for components that install objects through its admin client. */
  public EmbeddedKubernetes api() {
    if (kubernetes == null) {
      throw new IllegalStateException("The embedded Kubernetes API has not been started.");
    }
    return kubernetes;
  }

  private static synchronized void record(Path accessFile, AccessLog.Use use) {
    if (!use.allowed()) {
      LOG.warn("RBAC denied a request: {}", use);
    }
    try {
      Files.writeString(accessFile, use + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException failure) {
      LOG.warn("Could not record a request in {}", accessFile, failure);
    }
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
