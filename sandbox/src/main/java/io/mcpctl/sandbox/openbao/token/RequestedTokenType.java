package io.mcpctl.sandbox.openbao.token;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Fields;

/**
 * The type of token a create call issues: the request's {@code type}, overridden or defaulted by
 * the role's {@code token_type}; a batch token refuses the settings it cannot carry
 * (vault/token_store.go, handleCreateCommon).
 */
final class RequestedTokenType {
  private RequestedTokenType() {}

  static TokenType resolve(Fields fields, TokenRole role) {
    String type = fields.string("type");
    if (role != null) {
      switch (role.tokenType) {
        case "service" -> type = "service";
        case "batch" -> type = "batch";
        case "default-batch" -> type = type.isEmpty() ? "batch" : type;
        default -> {}
      }
    }
    switch (type) {
      case "", "service":
        return TokenType.SERVICE;
      case "batch":
        refuseBatchOnlySettings(fields);
        return TokenType.BATCH;
      default:
        throw ApiError.badRequest("invalid 'token_type' value");
    }
  }

  /**
   * OpenBao tests these one after the other and stops at the first one that was given at all, even
   * as zero: an {@code explicit_max_ttl} of {@code 0} lets any {@code num_uses} or {@code period}
   * through.
   */
  private static void refuseBatchOnlySettings(Fields fields) {
    String badReason = null;
    if (!fields.string("explicit_max_ttl").isEmpty()) {
      if (!isZero(fields.string("explicit_max_ttl"), "explicit_max_ttl")) {
        badReason = "explicit_max_ttl";
      }
    } else if (fields.integer("num_uses").orElse(0) != 0) {
      badReason = "num_uses";
    } else if (!fields.string("period").isEmpty()) {
      if (!isZero(fields.string("period"), "period")) {
        badReason = "period";
      }
    }
    if (badReason != null) {
      throw ApiError.badRequest("batch tokens cannot have \"" + badReason + "\" set");
    }
  }

  private static boolean isZero(String duration, String field) {
    try {
      return Fields.parseDurationSecond(duration).isZero();
    } catch (IllegalArgumentException malformed) {
      throw ApiError.badRequest("'" + field + "' value could not be parsed");
    }
  }
}
