package io.mcpctl.cli.common;

import java.nio.file.Path;

/**
 * Opens the {@link KubeApi} for a kubeconfig and context, made the same way ahead and on demand.
 */
final class KubeApis {

  private KubeApis() {}

  /**
   * Straight over the JDK's HTTP client when {@link DirectKubeconfig} reads the kubeconfig, else
   * through a fabric8 client, which reads every other form and words every error as before.
   */
  static KubeApi open(Path kubeconfig, String context) {
    return DirectKubeconfig.read(kubeconfig, context, System.getenv(), System.getProperties())
        .<KubeApi>map(DirectKubeApi::open)
        .orElseGet(() -> new ClientKubeApi(KubeClients.client(kubeconfig, context)));
  }
}
