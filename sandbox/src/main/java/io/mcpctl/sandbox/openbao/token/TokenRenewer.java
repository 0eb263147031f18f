package io.mcpctl.sandbox.openbao.token;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Token renewal as OpenBao's expiration manager does it: a role token re-reads its role's
 * <em>current</em> period and explicit max TTL; a periodic token gets exactly its period whatever
 * increment was asked for; a non-periodic one is counted from now and capped with a warning.
 */
final class TokenRenewer {
  private final RoleStore roles;
  private final LeaseLimits limits;

  TokenRenewer(RoleStore roles, LeaseLimits limits) {
    this.limits = limits;
    this.roles = roles;
  }

  LogicalResponse renew(TokenEntry entry, Duration increment, String shownToken, Instant now) {
    if (entry.batch()) {
      // A batch token has no lease to extend (vault/token_store.go, handleRenew).
      throw ApiError.badRequest("batch tokens cannot be renewed");
    }
    if (!entry.leased) {
      throw ApiError.badRequest("invalid lease ID");
    }
    if (entry.expireTime == null || !entry.renewable) {
      throw ApiError.badRequest("lease is not renewable");
    }
    if (!now.isBefore(entry.expireTime)) {
      throw ApiError.badRequest("lease expired");
    }
    Duration period = entry.period;
    Duration explicitMax = entry.explicitMaxTtl;
    if (entry.role != null) {
      TokenRole role =
          roles
              .get(entry.role)
              .orElseThrow(
                  () ->
                      ApiError.wrapped(
                          500,
                          "failed to renew entry: original token role \""
                              + entry.role
                              + "\" could not be found, not renewing"));
      period = role.tokenPeriod;
      explicitMax = role.tokenExplicitMaxTtl;
    }
    TtlCalculator.Result result =
        TtlCalculator.calculate(
            increment, entry.grantedTtl, period, explicitMax, entry.issueTime, now, limits);
    entry.grantedTtl = result.ttl();
    entry.expireTimeBeforeRenewal = entry.expireTime;
    entry.lastRenewalTimeBeforeRenewal = entry.lastRenewalTime;
    entry.expireTime = now.plus(result.ttl());
    entry.lastRenewalTime = now;
    return LogicalResponse.auth(TokenViews.authBlock(entry, shownToken, result.ttl(), true))
        .warnings(result.warnings());
  }
}
