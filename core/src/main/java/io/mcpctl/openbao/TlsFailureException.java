package io.mcpctl.openbao;

import java.util.List;

/**
 * The TLS handshake failed: an untrusted or mismatched certificate, or an address scheme that does
 * not match what the server speaks.
 */
public final class TlsFailureException extends OpenBaoException {
  public TlsFailureException(String message, String request, Throwable cause) {
    super(message, request, 0, List.of(), cause);
  }
}
