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
 */
public record RotationSettings(
    String tokenRole, Duration interval, Duration jitter, Duration revokeGracePeriod) {

  public RotationSettings {
    Objects.requireNonNull(tokenRole, "tokenRole");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(revokeGracePeriod, "revokeGracePeriod");
  }
}
