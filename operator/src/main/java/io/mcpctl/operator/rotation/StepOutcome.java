package io.mcpctl.operator.rotation;

import java.time.Instant;
import java.util.Optional;

/**
 * How a step of a rotation ended. Expected failures are outcomes, not exceptions: the report
 * records what status and events say about them, the outcome tells the caller whether to go on.
 */
public sealed interface StepOutcome {

  /** The step did its work; {@code secret} is the token Secret as it left it. */
  record Done(TokenSecret secret) implements StepOutcome {}

  /** A staged successor became the current token: a rotation happened. */
  record Promoted(TokenSecret secret) implements StepOutcome {}

  /**
   * The step could not finish and the next reconcile tries again; {@code failure} is why (the
   * report has it too).
   */
  record Stopped(Failure failure) implements StepOutcome {}

  /** The rotation waits until {@code until} before it may mint (the report says why). */
  record Deferred(Instant until) implements StepOutcome {}

  /** The Secret this step leaves, when it finished. */
  default Optional<TokenSecret> secretAfter() {
    if (this instanceof Done done) {
      return Optional.of(done.secret());
    }
    if (this instanceof Promoted promoted) {
      return Optional.of(promoted.secret());
    }
    return Optional.empty();
  }
}
