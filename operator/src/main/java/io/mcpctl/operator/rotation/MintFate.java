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
 * token it mints is held by nobody. So may a success whose answer could not be read.
 */
final class MintFate {

  private static final Set<UnreachableException.Reason> SENT_WITHOUT_ANSWER =
      Set.of(
          UnreachableException.Reason.REQUEST_TIMEOUT,
          UnreachableException.Reason.CONNECTION_RESET,
          UnreachableException.Reason.INTERRUPTED);

  /** 502 and 504: a proxy in front of OpenBao answered instead of it. */
  private static final Set<Integer> GATEWAY_GAVE_UP = Set.of(502, 504);

  private MintFate() {}

  static boolean unknown(OpenBaoException failure) {
    if (failure instanceof UnreachableException unreachable) {
      return SENT_WITHOUT_ANSWER.contains(unreachable.reason());
    }
    if (failure instanceof UnexpectedResponseException && isSuccess(failure.status())) {
      // OpenBao said yes, but the answer (the token) could not be read.
      return true;
    }
    return failure instanceof ServerErrorException && GATEWAY_GAVE_UP.contains(failure.status());
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }
}
