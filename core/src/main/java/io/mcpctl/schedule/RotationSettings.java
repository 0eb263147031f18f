package io.mcpctl.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * A validated rotation spec with its durations parsed.
 *
 * @param tokenRole the OpenBao token role that mints successors
 * @param interval time between rotations
 * @param jitter the most a rotation moves away from {@code switch time + interval}
 * @param revokeGracePeriod how long the predecessor stays valid after the switch
 * @param consumers what is done about the pods that read the token
 */
public record RotationSettings(
    String tokenRole,
    Duration interval,
    Duration jitter,
    Duration revokeGracePeriod,
    ConsumerPolicy consumers) {

  public RotationSettings {
    Objects.requireNonNull(tokenRole, "tokenRole");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(revokeGracePeriod, "revokeGracePeriod");
    Objects.requireNonNull(consumers, "consumers");
  }

  /** The same settings without a grace period: the replaced token is revoked at the switch. */
  public RotationSettings withoutGracePeriod() {
    return new RotationSettings(tokenRole, interval, jitter, Duration.ZERO, consumers);
  }

  /** Settings with the default consumer policy. */
  public RotationSettings(
      String tokenRole, Duration interval, Duration jitter, Duration revokeGracePeriod) {
    this(
        tokenRole,
        interval,
        jitter,
        revokeGracePeriod,
        ConsumerPolicy.defaults(interval.minus(jitter)));
  }
}
