package io.mcpctl.api.v1alpha1;

/** The plugin commands that messages tell the user to run, spelled in one place. */
public final class CommandHints {

  private CommandHints() {}

  /** {@code kubectl mcpctl create secretbackend NAME --type openbao --wizard -n NAMESPACE}. */
  public static String wizard(String namespace, String backend) {
    return "kubectl mcpctl create secretbackend "
        + backend
        + " --type openbao --wizard -n "
        + namespace;
  }

  /** {@code kubectl mcpctl audit tokens NAME -n NAMESPACE --url URL --admin-token-file FILE}. */
  public static String auditTokens(String namespace, String backend) {
    return "kubectl mcpctl audit tokens "
        + backend
        + " -n "
        + namespace
        + " --url URL --admin-token-file FILE";
  }

  /**
   * Where to find live tokens of the backend's role that no Secret holds, quoted for a sentence:
   * the plugin's token audit, or OpenBao's accessor list with an admin token.
   */
  public static String findOrphans(String namespace, String backend) {
    return "'"
        + auditTokens(namespace, backend)
        + "' (or, with an admin token, 'bao list auth/token/accessors' and 'bao token lookup"
        + " -accessor')";
  }
}
