package io.mcpctl.openbao;

import java.util.List;

/** 503 {@code Vault is sealed}: OpenBao answers nothing until it is unsealed. */
public final class SealedException extends OpenBaoException {
  public SealedException(String message, String request, List<String> errors) {
    super(message, request, 503, errors, null);
  }
}
