package io.mcpctl.cli.secret;

import io.mcpctl.cli.common.OutputOptions;
import io.mcpctl.cli.common.Renderers;
import io.mcpctl.cli.common.TextTable;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl list secrets [--backend B] [-o json|yaml]}: the names, never values. */
@Command(
    name = "secrets",
    aliases = {"secret"},
    mixinStandardHelpOptions = true,
    description = "List the MCP secrets on the namespace's default backend (or --backend).")
public final class ListSecretsCommand implements Runnable {

  /** What {@code -o json|yaml} prints. */
  public record SecretList(String namespace, String backend, List<String> secrets) {}

  @Spec CommandSpec spec;

  @Mixin BackendOption backend;

  @Mixin OutputOptions output;

  @Override
  public void run() {
    SecretList list =
        BackendStore.use(
            spec,
            backend,
            (store, namespace) -> new SecretList(namespace, store.backendName(), store.names()));
    PrintWriter out = spec.commandLine().getOut();
    switch (output.format()) {
      case json -> out.print(Renderers.json(list));
      case yaml -> out.print(Renderers.yaml(list));
      case text -> text(list, out);
    }
    out.flush();
  }

  private void text(SecretList list, PrintWriter out) {
    if (list.secrets().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "No MCP secrets on backend "
              + list.backend()
              + " in namespace "
              + list.namespace()
              + ".");
      err.flush();
      return;
    }
    TextTable table = new TextTable("NAME", "BACKEND");
    list.secrets().forEach(name -> table.row(name, list.backend()));
    table.print(out);
  }
}
