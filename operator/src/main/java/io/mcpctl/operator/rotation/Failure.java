package io.mcpctl.operator.rotation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure as status shows it: one sentence that never contains a token.
 *
 * @param retryAfter how long OpenBao asked to wait (429 Retry-After), if it did
 */
public record Failure(FailureKind kind, String message, Optional<Duration> retryAfter) {

  public Failure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public static Failure of(FailureKind kind, String message) {
    return new Failure(kind, message, Optional.empty());
  }

  /** The same failure, its message opened by {@code prefix}. */
  public Failure prefixed(String prefix) {
    return new Failure(kind, prefix + message, retryAfter);
  }
}
