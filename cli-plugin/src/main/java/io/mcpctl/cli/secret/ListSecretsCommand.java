package io.mcpctl.cli.secret;

import io.mcpctl.cli.Cluster;
import io.mcpctl.cli.McpctlCommand;
import io.mcpctl.cli.OutputOptions;
import io.mcpctl.cli.Renderers;
import io.mcpctl.secrets.SecretStore;
import io.mcpctl.secrets.SecretStoreException;
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
    McpctlCommand root = McpctlCommand.root(spec);
    SecretList list;
    try (Cluster cluster = root.kube().connect()) {
      SecretStore store = StoreErrors.stores(spec, cluster).resolve(backend.name());
      list = new SecretList(cluster.namespace(), store.backendName(), store.names());
    } catch (SecretStoreException e) {
      throw StoreErrors.failure(e);
    }
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
