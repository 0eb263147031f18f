package io.mcpctl.openbao;

import java.util.List;

/**
 * 403 with the plain body {@code permission denied}: the token is missing, unknown, expired or
 * revoked. Re-provisioning the token is the only fix. (An ACL denial is {@link
 * PermissionDeniedException}.)
 */
public final class TokenRejectedException extends OpenBaoException {
  public TokenRejectedException(String message, String request, List<String> errors) {
    super(message, request, 403, errors, null);
  }
}
