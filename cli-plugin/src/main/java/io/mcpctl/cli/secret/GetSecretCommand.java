package io.mcpctl.cli.secret;

import io.mcpctl.cli.common.OutputOptions;
import io.mcpctl.cli.common.Renderers;
import io.mcpctl.secrets.StoredSecret;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl get secret NAME [--reveal] [-o json|yaml] [--backend B]}. */
@Command(
    name = "secret",
    aliases = {"secrets"},
    mixinStandardHelpOptions = true,
    description = {
      "Show an MCP secret: its keys and their sizes, and the values only with --reveal.",
      "Text values are printed as they are, but for control characters other than tab and line",
      "feed, shown as ? so that no value can drive the terminal (-o json has them exact); other",
      "bytes as base64 (binaryData in json/yaml)."
    })
public final class GetSecretCommand implements Runnable {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The MCP secret to show.")
  String name;

  @Option(names = "--reveal", description = "Print the values too.")
  boolean reveal;

  @Mixin BackendOption backend;

  @Mixin OutputOptions output;

  @Override
  public void run() {
    StoreErrors.requireName(spec, name);
    SecretDocument document =
        BackendStore.use(
            spec,
            backend,
            (store, namespace) -> {
              StoredSecret stored =
                  store
                      .read(name)
                      .orElseThrow(
                          () -> StoreErrors.notFound(name, store.backendName(), namespace));
              return SecretDocument.of(
                  stored.secret(), store.backendName(), store.type().wireName(), reveal);
            });
    PrintWriter out = spec.commandLine().getOut();
    switch (output.format()) {
      case json -> out.print(Renderers.json(document));
      case yaml -> out.print(Renderers.yaml(document));
      case text -> out.print(document.text());
    }
    out.flush();
  }
}
