package io.mcpctl.cli.secret;

import io.mcpctl.cli.common.ClusterReads;
import io.mcpctl.cli.common.KubeOptions;
import io.mcpctl.cli.common.LazyClient;
import io.mcpctl.cli.common.PluginRoot;
import io.mcpctl.cli.common.TreeBackendLookups;
import io.mcpctl.secrets.SecretStore;
import io.mcpctl.secrets.SecretStoreException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The skeleton every secret command runs: connect to the cluster (reading without fabric8's client;
 * a kubernetes store gets one when it writes), resolve the backend that {@code --backend} names
 * (else the namespace's default), let the command work with that backend's store, and report a
 * store failure as one sentence (exit 1). The connection is closed before the command prints what
 * its work returned.
 */
final class BackendStore {

  /** What a command does with the store of its backend in its namespace. */
  @FunctionalInterface
  interface Work<T> {
    T with(SecretStore store, String namespace);
  }

  private BackendStore() {}

  /**
   * @return what {@code work} returned
   * @throws picocli.CommandLine.ParameterException for a namespace no Secret can live in
   */
  static <T> T use(CommandSpec spec, BackendOption backend, Work<T> work) {
    KubeOptions kube = PluginRoot.of(spec).kube();
    try (ClusterReads cluster = kube.read();
        LazyClient client = kube.clientBeside(cluster)) {
      SecretStore store =
          StoreErrors.stores(
                  spec, new TreeBackendLookups(cluster.api()), client, cluster.namespace())
              .resolve(backend.name());
      return work.with(store, cluster.namespace());
    } catch (SecretStoreException e) {
      throw StoreErrors.failure(e);
    }
  }
}
