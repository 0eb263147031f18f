package io.mcpctl.openbao;

import java.util.List;

/** 404 where the client has no "absent" answer to give (reads return {@code Optional} instead). */
public final class NotFoundException extends OpenBaoException {
  public NotFoundException(String message, String request, List<String> errors) {
    super(message, request, 404, errors, null);
  }
}
