package io.mcpctl.openbao;

import java.util.List;

/**
 * A success status whose body the client cannot use (not OpenBao's JSON, a missing field), or a
 * health-check round trip that read back something other than what it wrote.
 */
public final class UnexpectedResponseException extends OpenBaoException {
  public UnexpectedResponseException(String message, String request, int status, Throwable cause) {
    super(message, request, status, List.of(), cause);
  }
}
