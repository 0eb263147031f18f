package io.mcpctl.cli.secret;

import io.mcpctl.cli.common.CliException;
import io.mcpctl.secrets.SecretConflictException;
import io.mcpctl.secrets.SecretStore;
import io.mcpctl.secrets.StoredSecret;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubectl mcpctl delete secret NAME [--backend B]}: removes an MCP secret for good. */
@Command(
    name = "secret",
    aliases = {"secrets"},
    mixinStandardHelpOptions = true,
    description = {
      "Delete an MCP secret from the namespace's default backend (or --backend).",
      "On OpenBao every version and the metadata are removed."
    })
public final class DeleteSecretCommand implements Runnable {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The MCP secret to delete.")
  String name;

  @Mixin BackendOption backend;

  @Override
  public void run() {
    StoreErrors.requireName(spec, name);
    String backendName = BackendStore.use(spec, backend, this::delete);
    PrintWriter out = spec.commandLine().getOut();
    out.println("secret " + name + " deleted from backend " + backendName);
    out.flush();
  }

  /**
   * Deletes the revision just read, so that a secret changed meanwhile is not lost; returns the
   * backend's name.
   */
  private String delete(SecretStore store, String namespace) {
    StoredSecret current =
        store
            .read(name)
            .orElseThrow(() -> StoreErrors.notFound(name, store.backendName(), namespace));
    try {
      if (!store.delete(name, current.revision())) {
        throw StoreErrors.notFound(name, store.backendName(), namespace);
      }
    } catch (SecretConflictException changed) {
      throw new CliException(
          "The MCP secret "
              + name
              + " changed while it was being deleted; check it with 'kubectl mcpctl get secret "
              + name
              + "' and run the command again.",
          changed);
    }
    return store.backendName();
  }
}
