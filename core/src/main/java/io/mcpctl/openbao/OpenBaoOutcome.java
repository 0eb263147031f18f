package io.mcpctl.openbao;

import java.util.Locale;

/**
 * How one exchange with OpenBao ended, from its HTTP status or the I/O failure that left it without
 * one. Told apart only as far as an operator acts differently: wait (rate limited, unavailable,
 * unreachable), fix access (refused), or look at OpenBao (server error).
 */
public enum OpenBaoOutcome {
  /** A 2xx answer, or any answer of {@code sys/health} (its status is the node's state). */
  OK,
  /** 403: the token was rejected or its policies do not allow the call. */
  REFUSED,
  /** 404: nothing there, often a normal answer (a policy or a KV key not written yet). */
  NOT_FOUND,
  /** Another 4xx: the request was invalid. */
  INVALID,
  /** 429: too many requests. */
  RATE_LIMITED,
  /** 503: sealed, or a standby that cannot serve the call. */
  UNAVAILABLE,
  /** Another 5xx, or a redirect the client does not follow. */
  SERVER_ERROR,
  /** No answer within the request timeout. */
  TIMEOUT,
  /** No connection, or it was cut before a whole answer arrived. */
  UNREACHABLE,
  /** The TLS handshake failed. */
  TLS_FAILURE;

  /** The lower-case name, as a Prometheus label value. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome of an HTTP answer to {@code operation}. */
  static OpenBaoOutcome ofAnswer(OpenBaoOperation operation, int status) {
    if (status >= 200 && status < 300) {
      return OK;
    }
    if (operation == OpenBaoOperation.HEALTH && HealthClassifier.isHealthAnswer(status)) {
      return OK;
    }
    return switch (status) {
      case 403 -> REFUSED;
      case 404 -> NOT_FOUND;
      case 429 -> RATE_LIMITED;
      case 503 -> UNAVAILABLE;
      default -> status >= 400 && status < 500 ? INVALID : SERVER_ERROR;
    };
  }

  /** The outcome of an exchange that got no answer. */
  static OpenBaoOutcome ofNoAnswer(OpenBaoException failure) {
    if (failure instanceof TlsFailureException) {
      return TLS_FAILURE;
    }
    if (failure instanceof UnreachableException unreachable
        && unreachable.reason() == UnreachableException.Reason.REQUEST_TIMEOUT) {
      return TIMEOUT;
    }
    return UNREACHABLE;
  }
}
