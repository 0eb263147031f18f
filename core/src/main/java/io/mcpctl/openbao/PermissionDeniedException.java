package io.mcpctl.openbao;

import java.util.List;

/**
 * 403 from the ACL check (body {@code 1 error occurred: * permission denied}) or another policy
 * refusal: the token is valid but its policies do not grant this request.
 */
public final class PermissionDeniedException extends OpenBaoException {
  public PermissionDeniedException(String message, String request, List<String> errors) {
    super(message, request, 403, errors, null);
  }
}
