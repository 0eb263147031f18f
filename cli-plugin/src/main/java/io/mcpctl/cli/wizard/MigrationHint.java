package io.mcpctl.cli.wizard;

import io.mcpctl.cli.common.Cluster;
import io.mcpctl.secrets.SecretStores;
import java.util.OptionalInt;

/**
 * Counts the MCP secrets a backend holds in a namespace, so the wizard can print the migrate
 * command when the previous default is not empty. The count goes through {@link SecretStores},
 * which uses an openbao backend's token only when its Secret is bound to it: the previous default
 * may have been set up by someone else, and the wizard's user must not hand a Secret it names to an
 * address it names.
 */
final class MigrationHint {

  private final Cluster cluster;

  MigrationHint(Cluster cluster) {
    this.cluster = cluster;
  }

  /** The number of secrets, or empty when they could not be counted. */
  OptionalInt countSecrets(String backendName) {
    try {
      return OptionalInt.of(
          new SecretStores(cluster.client(), cluster.namespace())
              .named(backendName)
              .names()
              .size());
    } catch (RuntimeException uncounted) {
      // Only a hint after a finished run: an unusable or unreachable backend is just not counted.
      return OptionalInt.empty();
    }
  }

  /** The command that moves them, exactly as the user should paste it. */
  static String command(String from, String to, String namespace) {
    return "kubectl mcpctl migrate secrets --from " + from + " --to " + to + " -n " + namespace;
  }
}
