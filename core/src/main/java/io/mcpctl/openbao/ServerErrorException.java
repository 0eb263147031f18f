package io.mcpctl.openbao;

import java.util.List;

/** OpenBao (or a proxy in front of it) failed: 5xx other than sealed, or an unfollowed redirect. */
public final class ServerErrorException extends OpenBaoException {
  public ServerErrorException(String message, String request, int status, List<String> errors) {
    super(message, request, status, errors, null);
  }
}
