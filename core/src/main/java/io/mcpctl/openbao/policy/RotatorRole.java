package io.mcpctl.openbao.policy;

import io.mcpctl.openbao.TokenRole;
import java.time.Duration;
import java.util.List;

/** The token role the wizard writes for a backend (design §6). */
public final class RotatorRole {

  /** 720h: a week of failed daily rotations still leaves three weeks of runway. */
  public static final Duration TOKEN_PERIOD = Duration.ofHours(720);

  private RotatorRole() {}

  /**
   * {@code allowed_policies=[policy]}, {@code orphan=true} (revoking the predecessor must not
   * revoke its successor), {@code renewable=true}, {@code token_period=720h}, {@code
   * token_type=service}, no explicit max TTL.
   */
  public static TokenRole desired(NarrowAccess access) {
    return new TokenRole(
        access.roleName(),
        List.of(access.policyName()),
        List.of(),
        true,
        true,
        TOKEN_PERIOD,
        Duration.ZERO,
        "service",
        "",
        false,
        0);
  }
}
