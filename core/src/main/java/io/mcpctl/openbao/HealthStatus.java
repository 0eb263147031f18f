package io.mcpctl.openbao;

import java.util.Optional;

/**
 * The classified answer of {@link OpenBaoClient#health()}.
 *
 * @param state what to branch on
 * @param httpStatus the status {@code sys/health} answered, or 0 when none arrived
 * @param version OpenBao's version from the health body, when one was sent
 * @param detail one sentence describing the state for a human (never a token)
 */
public record HealthStatus(
    HealthState state, int httpStatus, Optional<String> version, String detail) {

  public boolean isActive() {
    return state == HealthState.ACTIVE;
  }
}
