package io.mcpctl.openbao.policy;

import io.mcpctl.openbao.TokenRole;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The token role the wizard writes for a backend (design §6). */
public final class RotatorRole {

  /** 720h: a week of failed daily rotations still leaves three weeks of runway. */
  public static final Duration TOKEN_PERIOD = Duration.ofHours(720);

  private RotatorRole() {}

  /**
   * The same for a period as status records it (a Go duration such as {@code 168h}); empty when it
   * is missing or unreadable, since nothing can be said of it then.
   */
  public static Optional<String> periodShortfall(String recordedPeriod) {
    if (recordedPeriod == null || recordedPeriod.isBlank()) {
      return Optional.empty();
    }
    try {
      return periodShortfall(GoDuration.parse(recordedPeriod));
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * What to tell the user when OpenBao granted a shorter period than the role asks for: it caps a
   * period at the token mount's {@code max_lease_ttl} (the server's, or a tuned {@code auth/token}
   * mount's) with only a warning, and a shorter period means less runway when rotations fail. Empty
   * when the full period was granted.
   */
  public static Optional<String> periodShortfall(Duration granted) {
    if (granted.compareTo(TOKEN_PERIOD) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "OpenBao capped the token period at "
            + GoDuration.format(granted)
            + ", shorter than the "
            + GoDuration.format(TOKEN_PERIOD)
            + " the rotation role asks for (max_lease_ttl of the server or of the auth/token"
            + " mount is lower): each renewal buys only "
            + GoDuration.format(granted)
            + " of runway; raise max_lease_ttl to "
            + GoDuration.format(TOKEN_PERIOD)
            + " or more.");
  }

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
