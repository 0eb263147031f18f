package io.mcpctl.tokensecret;

import java.util.Set;

/**
 * Keys and annotations of the token Secret. Consumers read the key named by tokenSecretRef
 * (normally {@code token}); the others exist only while a rotation or a grace period is under way.
 * The annotations make the Secret self-describing, so a crash between the Secret write and the
 * status write loses nothing.
 */
public final class TokenSecretKeys {

  public static final String TOKEN = "token";
  public static final String ACCESSOR = "accessor";
  public static final String NEXT_TOKEN = "next-token";
  public static final String NEXT_ACCESSOR = "next-accessor";
  public static final String PREVIOUS_TOKEN = "previous-token";
  public static final String PREVIOUS_ACCESSOR = "previous-accessor";

  /** Keys the operator writes besides the consumers' key. */
  public static final Set<String> OPERATOR_KEYS =
      Set.of(ACCESSOR, NEXT_TOKEN, NEXT_ACCESSOR, PREVIOUS_TOKEN, PREVIOUS_ACCESSOR);

  /** When the previous token's grace period ends and it is revoked (RFC 3339). */
  public static final String PREVIOUS_REVOKE_AFTER_ANNOTATION = "mcpctl.io/previous-revoke-after";

  /** When the current token was switched in (RFC 3339). */
  public static final String ROTATED_AT_ANNOTATION = "mcpctl.io/rotated-at";

  /**
   * When a mint started (RFC 3339), written before the mint and removed with the staging write: a
   * restarted operator or a new leader that finds it knows a mint may still be answered, waits for
   * it rather than minting twice, and reports the token it may have left behind.
   */
  public static final String MINT_STARTED_AT_ANNOTATION = "mcpctl.io/mint-started-at";

  /** The next rotation time rolled at the switch, jitter included (RFC 3339). */
  public static final String NEXT_ROTATION_AT_ANNOTATION = "mcpctl.io/next-rotation-at";

  private TokenSecretKeys() {}
}
