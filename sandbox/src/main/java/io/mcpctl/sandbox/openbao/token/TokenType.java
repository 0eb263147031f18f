package io.mcpctl.sandbox.openbao.token;

/**
 * OpenBao's two kinds of token. A service token is stored, has an accessor and a lease that can be
 * renewed and revoked; a batch token is the encrypted entry itself, so it has no accessor, no lease
 * and lives exactly its TTL (or until its parent goes).
 */
public enum TokenType {
  SERVICE("service"),
  BATCH("batch");

  private final String wireName;

  TokenType(String wireName) {
    this.wireName = wireName;
  }

  /** The name lookups and auth blocks show ({@code type}, {@code token_type}). */
  public String wireName() {
    return wireName;
  }
}
