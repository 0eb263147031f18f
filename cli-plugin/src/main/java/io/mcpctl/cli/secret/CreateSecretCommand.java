package io.mcpctl.cli.secret;

import io.mcpctl.cli.Cluster;
import io.mcpctl.cli.McpctlCommand;
import io.mcpctl.secrets.McpSecret;
import io.mcpctl.secrets.SecretStore;
import io.mcpctl.secrets.SecretStoreException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl mcpctl create secret NAME --from-literal k=v | --from-file k=path |
 * --from-env-file path [--backend B]}: writes a new MCP secret; never replaces an existing one.
 */
@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Create an MCP secret on the namespace's default backend (or --backend).",
      "Values are bytes: text and binary files both arrive unchanged. Fails if the secret",
      "exists; delete it first to replace it."
    })
public final class CreateSecretCommand implements Runnable {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Name of the MCP secret.")
  String name;

  @Mixin SecretSources sources;

  @Mixin BackendOption backend;

  @Override
  public void run() {
    StoreErrors.requireName(spec, name);
    Map<String, byte[]> data = sources.collect(spec);
    McpctlCommand root = McpctlCommand.root(spec);
    String written;
    try (Cluster cluster = root.kube().connect()) {
      SecretStore store = StoreErrors.stores(spec, cluster).resolve(backend.name());
      McpSecret secret = new McpSecret(cluster.namespace(), name, data);
      store.create(secret);
      written =
          "secret "
              + name
              + " created on backend "
              + store.backendName()
              + " (keys: "
              + String.join(", ", secret.keys())
              + ")";
    } catch (SecretStoreException e) {
      throw StoreErrors.failure(e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(written);
    out.flush();
  }
}
