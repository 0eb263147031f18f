package io.mcpctl.operator.rotation;

/** The boundaries of design §5 after which a process may die. */
public enum RotationStep {
  STAGED_TOKEN_RESOLVED,
  PREVIOUS_TOKEN_REVOKED,
  MINTED,
  SUCCESSOR_CHECKED,
  STAGED,
  VERIFIED,
  SWITCHED,
  PREDECESSOR_REVOKED
}
