package io.mcpctl.schedule;

/** Work an earlier rotation left in the token Secret. */
public enum RecoveryStep {
  /** A staged {@code next-token}: verify and promote it, or revoke it. */
  RESOLVE_STAGED_TOKEN,
  /** A {@code previous-token} whose grace period has ended: revoke it. */
  REVOKE_PREVIOUS_TOKEN
}
