package io.mcpctl.operator.reconcile;

/** The spec breaks a rule; retrying cannot help until someone edits it. */
public final class InvalidSpecException extends Exception {
  public InvalidSpecException(String problem) {
    super(problem, null, false, false);
  }
}
