package io.mcpctl.cli.secret;

import io.mcpctl.secrets.McpSecret;
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
    // The sources first: '--from-literal token VALUE' (a space for the '=') makes VALUE the NAME,
    // and their error says so without it.
    Map<String, byte[]> data = sources.collect(spec);
    StoreErrors.requireName(spec, name);
    String written =
        BackendStore.use(
            spec,
            backend,
            (store, namespace) -> {
              McpSecret secret = new McpSecret(namespace, name, data);
              store.create(secret);
              return "secret "
                  + name
                  + " created on backend "
                  + store.backendName()
                  + " (keys: "
                  + String.join(", ", secret.keys())
                  + ")";
            });
    PrintWriter out = spec.commandLine().getOut();
    out.println(written);
    out.flush();
  }
}
