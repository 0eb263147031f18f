package io.mcpctl.openbao;

import java.util.List;

/**
 * Base of every failure the OpenBao client reports. Messages are one sentence that never contains a
 * token or a secret value; {@link #errors()} holds OpenBao's own messages as it sent them.
 */
public abstract class OpenBaoException extends RuntimeException {

  private final String request;
  private final int status;
  private final List<String> errors;

  protected OpenBaoException(
      String message, String request, int status, List<String> errors, Throwable cause) {
    super(message, cause);
    this.request = request;
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /** The request that failed, as {@code METHOD path} relative to {@code /v1/}. */
  public String request() {
    return request;
  }

  /** The HTTP status, or 0 when no answer arrived. */
  public int status() {
    return status;
  }

  /** OpenBao's {@code errors} array, unmodified (possibly empty). */
  public List<String> errors() {
    return errors;
  }
}
