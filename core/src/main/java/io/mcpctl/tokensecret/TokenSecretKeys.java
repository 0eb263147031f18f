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
  public static final Set<String> OPERATOR_KEYS = operatorKeys();

  /** When the previous token's grace period ends and it is revoked (RFC 3339). */
  public static final String PREVIOUS_REVOKE_AFTER_ANNOTATION = "mcpctl.io/previous-revoke-after";

  /**
   * Prefix of the annotation that records when the token of a {@link PreviousSlot} numbered 2 or
   * higher stopped being current (RFC 3339).
   */
  public static final String PREVIOUS_RETIRED_AT_ANNOTATION = "mcpctl.io/previous-retired-at";

  /** When the current token was switched in (RFC 3339). */
  public static final String ROTATED_AT_ANNOTATION = "mcpctl.io/rotated-at";

  /**
   * When a mint started (RFC 3339), written before the mint and removed with the staging write: a
   * restarted operator or a new leader that finds it knows a mint may still be answered, waits for
   * it rather than minting twice, and reports the token it may have left behind.
   */
  public static final String MINT_STARTED_AT_ANNOTATION = "mcpctl.io/mint-started-at";

  /**
   * The switch (its {@code rotated-at}) whose rolling restarts of the token's consumers may not
   * have been sent yet: written with the switch when {@code consumers.restart} is Rollout, removed
   * with the previous token. An operator that finds it after a crash or a leader change sends them
   * again with the same {@code restartedAt} value, which restarts no workload twice.
   */
  public static final String CONSUMERS_RESTART_FOR_ANNOTATION = "mcpctl.io/consumers-restart-for";

  /** The next rotation time rolled at the switch, jitter included (RFC 3339). */
  public static final String NEXT_ROTATION_AT_ANNOTATION = "mcpctl.io/next-rotation-at";

  private TokenSecretKeys() {}

  /**
   * The annotations that describe replaced tokens no key of {@code keys} holds any more: a slot's
   * revocation and retirement times, and the restarts owed for the switch that replaced them. Left
   * on a Secret whose data was written anew, they would describe tokens it no longer has.
   */
  public static Set<String> annotationsOfPreviousTokensNotIn(Set<String> keys) {
    Set<String> stale = new java.util.HashSet<>();
    boolean anyPrevious = false;
    for (PreviousSlot slot : PreviousSlot.all()) {
      if (keys.contains(slot.tokenKey())) {
        anyPrevious = true;
        continue;
      }
      stale.add(slot.revokeAfterAnnotation());
      if (!slot.equals(PreviousSlot.NEWEST)) {
        stale.add(slot.retiredAtAnnotation());
      }
    }
    if (!anyPrevious) {
      stale.add(CONSUMERS_RESTART_FOR_ANNOTATION);
    }
    return Set.copyOf(stale);
  }

  private static Set<String> operatorKeys() {
    Set<String> keys = new java.util.HashSet<>(Set.of(ACCESSOR, NEXT_TOKEN, NEXT_ACCESSOR));
    for (PreviousSlot slot : PreviousSlot.all()) {
      keys.add(slot.tokenKey());
      keys.add(slot.accessorKey());
    }
    return Set.copyOf(keys);
  }
}
