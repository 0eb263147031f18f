package io.mcpctl.cli.wizard;

import io.mcpctl.cli.common.Cluster;
import io.mcpctl.openbao.policy.NarrowAccess;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The wizard's last words: what is set up, where to look next, and the migrate command, alone on
 * its own line so it can be pasted, when the previous default still holds MCP secrets.
 */
final class WizardSummary {

  private final WizardSettings settings;
  private final NarrowAccess access;
  private final RotationTiming timing;
  private final Cluster cluster;

  WizardSummary(
      WizardSettings settings, NarrowAccess access, RotationTiming timing, Cluster cluster) {
    this.settings = settings;
    this.access = access;
    this.timing = timing;
    this.cluster = cluster;
  }

  void print(
      PrintWriter out,
      boolean changedAnything,
      String previousDefault,
      List<String> demoted,
      Optional<RetiredAccess> retired) {
    String name = settings.names().backend();
    String namespace = cluster.namespace();
    out.println();
    out.println(
        "SecretBackend "
            + name
            + (changedAnything ? " is ready" : " was already set up; nothing changed")
            + ": secrets in "
            + access.mount()
            + "/"
            + access.folder()
            + "/ on "
            + settings.address()
            + ", token in Secret "
            + settings.names().tokenSecret()
            + ", rotated every "
            + timing.interval().text()
            + " by the operator.");
    if (settings.promoteDefault()) {
      out.println(
          "It is the namespace's default backend"
              + (demoted.isEmpty() ? "" : " (before: " + String.join(", ", demoted) + ")")
              + ".");
    }
    retired.ifPresent(old -> old.summary(name).forEach(out::println));
    out.println("Next steps:");
    out.println("  kubectl get secretbackends -n " + namespace);
    out.println("  kubectl mcpctl describe secretbackend " + name + " -n " + namespace);
    if (settings.promoteDefault() && !previousDefault.equals(name)) {
      OptionalInt count = new MigrationHint(cluster).countSecrets(previousDefault);
      if (count.isEmpty() || count.getAsInt() > 0) {
        out.println(
            "The previous default backend '"
                + previousDefault
                + (count.isPresent()
                    ? "' holds "
                        + count.getAsInt()
                        + (count.getAsInt() == 1 ? " MCP secret" : " MCP secrets")
                        + "; move them to "
                        + name
                        + " with:"
                    : "' may hold MCP secrets (they could not be counted); move them with:"));
        out.println(MigrationHint.command(previousDefault, name, namespace));
      }
    }
    out.flush();
  }
}
