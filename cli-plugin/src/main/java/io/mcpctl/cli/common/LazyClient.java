package io.mcpctl.cli.common;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Supplier;

/**
 * fabric8's client beside a {@link KubeApi}, for what reading trees cannot do (a kubernetes store's
 * reads and writes): the API's own client when it goes through one, else one made on first use from
 * the same flags, and closed with this.
 */
public final class LazyClient implements Supplier<KubernetesClient>, AutoCloseable {

  private final KubeApi api;
  private final Supplier<Cluster> connecting;
  private Cluster made;

  LazyClient(KubeApi api, Supplier<Cluster> connecting) {
    this.api = api;
    this.connecting = connecting;
  }

  @Override
  public synchronized KubernetesClient get() {
    if (api instanceof ClientKubeApi throughClient) {
      return throughClient.client();
    }
    if (made == null) {
      made = connecting.get();
    }
    return made.client();
  }

  @Override
  public synchronized void close() {
    if (made != null) {
      made.close();
    }
  }
}
