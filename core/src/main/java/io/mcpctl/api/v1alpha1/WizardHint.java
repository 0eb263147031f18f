package io.mcpctl.api.v1alpha1;

/** The command that (re)provisions a backend, for messages that tell the user what to run. */
public final class WizardHint {

  private WizardHint() {}

  /** {@code kubectl mcpctl create secretbackend NAME --type openbao --wizard -n NAMESPACE}. */
  public static String command(String namespace, String backend) {
    return "kubectl mcpctl create secretbackend "
        + backend
        + " --type openbao --wizard -n "
        + namespace;
  }
}
