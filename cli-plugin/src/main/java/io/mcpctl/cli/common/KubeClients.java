package io.mcpctl.cli.common;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;

/** The Kubernetes clients the plugin connects with, made the same way ahead and on demand. */
final class KubeClients {

  // A plugin is interactive: fail within seconds instead of fabric8's retry loop for servers.
  private static final int CONNECTION_TIMEOUT_MILLIS = 5_000;
  private static final int REQUEST_TIMEOUT_MILLIS = 30_000;

  private KubeClients() {}

  /** A client for {@code context} of {@code kubeconfig} (null: the defaults kubectl uses). */
  static KubernetesClient client(Path kubeconfig, String context) {
    Config config = KubeconfigLoader.load(kubeconfig, context);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
