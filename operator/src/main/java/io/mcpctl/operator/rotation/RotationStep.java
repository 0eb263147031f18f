package io.mcpctl.operator.rotation;

/** The boundaries of design §5 after which a process may die; each follows one remote call. */
public enum RotationStep {
  /** The Secret records that a mint is about to start; nothing is minted yet. */
  MINT_RECORDED,
  /** OpenBao answered the mint; the successor exists only in this process. */
  MINTED,
  /** The successor is staged in the Secret as {@code next-token}. */
  STAGED,
  /** The successor is periodic, carries its policies and can use the KV prefix. */
  VERIFIED,
  /** The Secret holds the successor as the current token and the predecessor as previous. */
  SWITCHED,
  /** OpenBao revoked the predecessor; the Secret still holds it. */
  PREDECESSOR_REVOKED,
  /** The Secret no longer holds the predecessor. */
  PREDECESSOR_CLEARED
}
