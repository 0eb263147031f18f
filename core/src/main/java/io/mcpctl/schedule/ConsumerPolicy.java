package io.mcpctl.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * What a rotation does about the pods that read the token.
 *
 * @param rolloutRestart whether to rolling-restart the workloads whose pods read it only at start
 * @param maxRevokeDelay the longest the previous token waits for such pods after a switch
 */
public record ConsumerPolicy(boolean rolloutRestart, Duration maxRevokeDelay) {

  public static final Duration DEFAULT_MAX_REVOKE_DELAY = Duration.ofHours(1);

  public ConsumerPolicy {
    Objects.requireNonNull(maxRevokeDelay, "maxRevokeDelay");
  }

  /** Nothing restarted; the default delay, or less when the interval leaves less room. */
  public static ConsumerPolicy defaults(Duration roomBeforeNextRotation) {
    return new ConsumerPolicy(
        false,
        DEFAULT_MAX_REVOKE_DELAY.compareTo(roomBeforeNextRotation) < 0
            ? DEFAULT_MAX_REVOKE_DELAY
            : roomBeforeNextRotation);
  }
}
