package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.TokenInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What status may say about a token: never its value or accessor.
 *
 * @param generatedAt when it was minted
 * @param period the period a renewal resets the TTL to, when known
 */
public record TokenFacts(
    Optional<Instant> generatedAt,
    Optional<Instant> expiresAt,
    boolean renewable,
    Optional<Duration> period,
    List<String> policies) {

  public TokenFacts {
    policies = List.copyOf(policies);
  }

  /** Facts from lookup-self; a role's period is not reported there, so a known one is kept. */
  static TokenFacts fromLookup(TokenInfo info, Optional<Duration> knownPeriod) {
    return new TokenFacts(
        Optional.ofNullable(info.creationTime()),
        Optional.ofNullable(info.expireTime()),
        info.renewable(),
        info.period().or(() -> knownPeriod),
        info.policies());
  }

  /** A successor's facts as the verification saw them, minted at {@code mintedAt}. */
  static TokenFacts ofAccepted(SuccessorVerifier.Accepted accepted, Instant mintedAt) {
    return new TokenFacts(
        Optional.of(mintedAt),
        Optional.of(mintedAt.plus(accepted.ttl())),
        accepted.renewable(),
        Optional.of(accepted.period()),
        accepted.policies());
  }
}
