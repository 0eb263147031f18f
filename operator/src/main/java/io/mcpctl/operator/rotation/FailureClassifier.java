package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.HealthState;
import io.mcpctl.openbao.HealthStatus;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.RateLimitedException;
import io.mcpctl.openbao.SealedException;
import io.mcpctl.openbao.ServerErrorException;
import io.mcpctl.openbao.TlsFailureException;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.UnreachableException;
import java.util.Optional;

/**
 * Turns an OpenBao failure into a {@link Failure}. A server error is ambiguous (a standby behind a
 * load balancer, a node being sealed, or a real 500), so only then is {@code sys/health} asked.
 */
final class FailureClassifier {

  private FailureClassifier() {}

  /**
   * @param step what was being done, e.g. "minting the successor"
   * @param withCurrentToken whether the call used the current token, so that a rejection means the
   *     current token is dead rather than a successor
   */
  static Failure classify(
      String step, OpenBaoException failure, boolean withCurrentToken, OpenBaoClient openbao) {
    String message = "OpenBao failed while " + step + ": " + failure.getMessage();
    if (failure instanceof SealedException) {
      return Failure.of(
          FailureKind.SEALED, "OpenBao is sealed; " + step + " waits until it is unsealed.");
    }
    if (failure instanceof UnreachableException || failure instanceof TlsFailureException) {
      return Failure.of(FailureKind.UNREACHABLE, message);
    }
    if (failure instanceof TokenRejectedException && withCurrentToken) {
      return Failure.of(
          FailureKind.TOKEN_REJECTED,
          "OpenBao rejected the current token while "
              + step
              + "; re-run the wizard to provision a new token.");
    }
    if (failure instanceof RateLimitedException limited) {
      return new Failure(FailureKind.ROTATION_ERROR, message, limited.retryAfter());
    }
    if (failure instanceof ServerErrorException) {
      return refineWithHealth(message, openbao);
    }
    return Failure.of(FailureKind.ROTATION_ERROR, message);
  }

  private static Failure refineWithHealth(String message, OpenBaoClient openbao) {
    HealthState state;
    try {
      HealthStatus health = openbao.withoutToken().health();
      state = health.state();
    } catch (OpenBaoException unknown) {
      return Failure.of(FailureKind.ROTATION_ERROR, message);
    }
    return switch (state) {
      case SEALED -> Failure.of(FailureKind.SEALED, message + " (OpenBao reports it is sealed)");
      case STANDBY -> Failure.of(FailureKind.STANDBY, message + " (the node is a standby)");
      case UNREACHABLE, TLS_REFUSED -> Failure.of(FailureKind.UNREACHABLE, message);
      default -> new Failure(FailureKind.ROTATION_ERROR, message, Optional.empty());
    };
  }
}
