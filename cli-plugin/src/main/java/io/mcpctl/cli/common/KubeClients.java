package io.mcpctl.cli.common;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

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
    tellTheKeyAlgorithm(config);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * fabric8 takes a PKCS#8 client key whose algorithm it could not tell from the PEM header for
   * RSA, and an EC one then fails every request; kubectl reads it. An unreadable key is left for
   * fabric8 to report as before.
   */
  private static void tellTheKeyAlgorithm(Config config) {
    boolean hasKey =
        (config.getClientKeyData() != null && !config.getClientKeyData().isEmpty())
            || config.getClientKeyFile() != null;
    if (!hasKey || config.getClientKeyAlgo() != null) {
      return;
    }
    try {
      config.setClientKeyAlgo(
          ClientKeyAlgorithm.of(config.getClientKeyData(), config.getClientKeyFile()));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException unreadable) {
      // fabric8 meets the same key when it connects, and says what is wrong.
    }
  }
}
