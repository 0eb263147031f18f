package io.mcpctl.sandbox.openbao;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a test may inspect about a live token of the stand-in; never the token itself.
 *
 * @param accessor the token's accessor
 * @param policies its policies, sorted
 * @param parentAccessor the accessor of its parent; empty for an orphan
 * @param role the token role it was created against, if any
 * @param path its creation path, e.g. {@code auth/token/create/mcpctl-rotator}
 * @param expireTime when it expires; empty for a non-expiring root token
 * @param renewable whether it may be renewed
 * @param numUses remaining uses, 0 meaning unlimited
 */
public record TokenSnapshot(
    String accessor,
    List<String> policies,
    Optional<String> parentAccessor,
    Optional<String> role,
    String path,
    Optional<Instant> expireTime,
    boolean renewable,
    int numUses) {

  public boolean orphan() {
    return parentAccessor.isEmpty();
  }
}
