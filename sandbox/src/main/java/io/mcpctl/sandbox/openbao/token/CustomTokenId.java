package io.mcpctl.sandbox.openbao.token;

import io.mcpctl.sandbox.openbao.logical.ApiError;

/**
 * The rules for an {@code id} chosen by the caller of a create call. Who may choose one is checked
 * while the request is read; what the id may look like only when a service token is stored, after
 * every other check (vault/token_store.go, handleCreateCommon and create). A batch token ignores
 * the id: its value is always the encrypted entry.
 */
final class CustomTokenId {
  private CustomTokenId() {}

  /** Only root or sudo on the create path, and only in the root namespace. */
  static void requireMayChoose(boolean sudo, String namespaceId) {
    if (!sudo) {
      throw ApiError.badRequest("root or sudo privileges required to specify token id");
    }
    if (!namespaceId.equals(TokenEntry.ROOT_NAMESPACE_ID)) {
      throw ApiError.badRequest("token IDs can only be manually specified in the root namespace");
    }
  }

  /**
   * An id must not pass for a generated one (the {@code hvs.} and {@code s.} prefixes, and any dot,
   * which would also read as a namespace suffix or a {@code b.} batch token) nor name a token that
   * exists, even one whose last use is being revoked.
   */
  static void requireAcceptable(String id, TokenStore tokens) {
    if (id.startsWith("hvs.")) {
      throw ApiError.badRequest("custom token ID cannot have the 'hvs.' prefix");
    }
    if (id.startsWith("s.")) {
      throw ApiError.badRequest("custom token ID cannot have the 's.' prefix");
    }
    if (id.contains(".")) {
      throw ApiError.badRequest("custom token ID cannot have a '.' in the value");
    }
    if (tokens.containsId(id)) {
      throw ApiError.badRequest("cannot create a token with a duplicate ID");
    }
  }
}
