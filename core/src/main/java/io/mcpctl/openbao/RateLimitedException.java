package io.mcpctl.openbao;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** 429 from a rate-limit quota; {@link #retryAfter()} carries {@code Retry-After} when sent. */
public final class RateLimitedException extends OpenBaoException {

  private final Duration retryAfter;

  public RateLimitedException(
      String message, String request, List<String> errors, Duration retryAfter) {
    super(message, request, 429, errors, null);
    this.retryAfter = retryAfter;
  }

  /** The {@code Retry-After} header in seconds, when OpenBao sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
