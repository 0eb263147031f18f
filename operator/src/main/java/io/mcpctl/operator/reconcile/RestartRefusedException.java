package io.mcpctl.operator.reconcile;

/**
 * The API server refused a rolling restart because the operator may not patch the workload. The
 * message is one clause naming the workload and what grants the patch, fit for an event.
 */
public final class RestartRefusedException extends RuntimeException {

  public RestartRefusedException(String message) {
    super(message, null, false, false);
  }
}
