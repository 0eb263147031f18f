package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.ServerErrorException;
import io.mcpctl.openbao.UnexpectedResponseException;
import io.mcpctl.openbao.UnreachableException;
import java.util.Set;

/**
 * Whether a failed mint may still have minted. A refused connection, a sealed OpenBao or a 4xx
 * answer minted nothing; a request that timed out or lost its connection after it was sent, or a
 * gateway that gave up waiting for OpenBao, may have: OpenBao finishes the request anyway, and the
 * token it mints is held by nobody. So may a success whose answer could not be read, and a 500:
 * OpenBao answers 500 when it cannot audit a response, after the token is made (OpenBao 2.6.2,
 * {@code vault/request_handling.go}, "failed to audit response").
 */
final class MintFate {

  private static final Set<UnreachableException.Reason> SENT_WITHOUT_ANSWER =
      Set.of(
          UnreachableException.Reason.REQUEST_TIMEOUT,
          UnreachableException.Reason.CONNECTION_RESET,
          UnreachableException.Reason.INTERRUPTED);

  /**
   * 500: OpenBao failed, possibly after minting (an audit device refusing the response); 502 and
   * 504: a proxy in front of OpenBao answered instead of it.
   */
  private static final Set<Integer> MAY_HAVE_FINISHED = Set.of(500, 502, 504);

  private MintFate() {}

  static boolean unknown(OpenBaoException failure) {
    if (failure instanceof UnreachableException unreachable) {
      return SENT_WITHOUT_ANSWER.contains(unreachable.reason());
    }
    if (failure instanceof UnexpectedResponseException && isSuccess(failure.status())) {
      // OpenBao said yes, but the answer (the token) could not be read.
      return true;
    }
    return failure instanceof ServerErrorException && MAY_HAVE_FINISHED.contains(failure.status());
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }
}
