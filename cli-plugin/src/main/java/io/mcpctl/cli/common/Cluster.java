package io.mcpctl.cli.common;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A connected Kubernetes client and the namespace the command works in. */
public record Cluster(KubernetesClient client, String namespace) implements AutoCloseable {

  /** The same connection, read as {@link ClusterReads} (closing either closes both). */
  public ClusterReads reads() {
    return new ClusterReads(new ClientKubeApi(client), namespace);
  }

  @Override
  public void close() {
    client.close();
  }
}
