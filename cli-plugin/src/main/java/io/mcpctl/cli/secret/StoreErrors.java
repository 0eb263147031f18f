package io.mcpctl.cli.secret;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.Cluster;
import io.mcpctl.secrets.BackendLookups;
import io.mcpctl.secrets.SecretNames;
import io.mcpctl.secrets.SecretStoreException;
import io.mcpctl.secrets.SecretStores;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The plugin's error forms for the secret commands: usage errors and one-sentence failures. */
public final class StoreErrors {

  private StoreErrors() {}

  /** A store failure as the plugin reports it (exit 1); the message already says what to do. */
  public static CliException failure(SecretStoreException e) {
    return new CliException(e.getMessage(), e);
  }

  /** Checks the NAME argument; an invalid one is a usage error (exit 2). */
  public static String requireName(CommandSpec spec, String name) {
    try {
      return SecretNames.requireName(name);
    } catch (IllegalArgumentException invalid) {
      throw new ParameterException(spec.commandLine(), invalid.getMessage());
    }
  }

  /** The stores of the command's namespace; a namespace no Secret can live in is a usage error. */
  public static SecretStores stores(CommandSpec spec, Cluster cluster) {
    return stores(
        spec, BackendLookups.of(cluster.client()), () -> cluster.client(), cluster.namespace());
  }

  /** As {@link #stores(CommandSpec, Cluster)}, reading through {@code lookups}. */
  static SecretStores stores(
      CommandSpec spec,
      BackendLookups lookups,
      Supplier<KubernetesClient> client,
      String namespace) {
    try {
      return new SecretStores(lookups, client, namespace);
    } catch (IllegalArgumentException invalid) {
      throw new ParameterException(spec.commandLine(), invalid.getMessage());
    }
  }

  /** The sentence that a secret is not where the user looked, with the command that lists them. */
  public static CliException notFound(String name, String backend, String namespace) {
    return new CliException(
        "MCP secret "
            + name
            + " not found on backend "
            + backend
            + " in namespace "
            + namespace
            + "; list them with 'kubectl mcpctl list secrets --backend "
            + backend
            + " -n "
            + namespace
            + "'.");
  }
}
