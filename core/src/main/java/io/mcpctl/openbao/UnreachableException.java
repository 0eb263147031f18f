package io.mcpctl.openbao;

import java.util.List;

/** No usable answer arrived: the connection failed, timed out or was cut. */
public final class UnreachableException extends OpenBaoException {

  /** Why no answer arrived. */
  public enum Reason {
    CONNECTION_REFUSED,
    UNKNOWN_HOST,
    CONNECT_TIMEOUT,
    REQUEST_TIMEOUT,
    /** The connection was reset or closed before a whole answer arrived. */
    CONNECTION_RESET,
    /** The calling thread was interrupted while waiting; its interrupt flag is set again. */
    INTERRUPTED
  }

  private final Reason reason;

  public UnreachableException(String message, String request, Reason reason, Throwable cause) {
    super(message, request, 0, List.of(), cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
