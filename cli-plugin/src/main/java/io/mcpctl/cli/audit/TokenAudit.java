package io.mcpctl.cli.audit;

import io.mcpctl.cli.audit.TokenAuditReport.AuditedToken;
import io.mcpctl.cli.audit.TokenAuditReport.HeldToken;
import io.mcpctl.cli.audit.TokenAuditReport.Summary;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sorts the live tokens of a backend's role into what holds them. Pure: the command fetches, this
 * decides.
 */
final class TokenAudit {

  private final HeldAccessors own;
  private final Map<String, String> heldByOtherBackends;
  private final Instant now;
  private final Duration minAge;

  /**
   * @param heldByOtherBackends accessor to {@code <namespace>/<name>} of another backend using the
   *     same role at the same OpenBao
   * @param minAge how old a token no Secret holds must be to be an orphan: a younger one may be a
   *     rotation's fresh mint about to be staged (the default, ten minutes, is far above the
   *     operator's mint-to-stage time of a mint answer and one Secret write)
   */
  TokenAudit(
      HeldAccessors own, Map<String, String> heldByOtherBackends, Instant now, Duration minAge) {
    this.own = own;
    this.heldByOtherBackends = Map.copyOf(heldByOtherBackends);
    this.now = now;
    this.minAge = minAge;
  }

  /**
   * @param live the role's live tokens, as lookup-accessor describes them
   * @param otherTokens how many live tokens of the namespace the role did not mint
   */
  TokenAuditReport audit(
      TokenAuditReport.Backend backend,
      TokenAuditReport.OpenBao openbao,
      List<TokenInfo> live,
      int otherTokens,
      List<String> warnings) {
    List<AuditedToken> tokens =
        live.stream()
            .sorted(Comparator.comparing(TokenInfo::creationTime))
            .map(this::audited)
            .toList();
    Set<String> liveAccessors =
        live.stream().map(TokenInfo::accessor).collect(Collectors.toUnmodifiableSet());
    List<HeldToken> heldButNotLive =
        own.byAccessor().entrySet().stream()
            .filter(held -> !liveAccessors.contains(held.getKey()))
            .map(
                held ->
                    new HeldToken(held.getKey(), held.getValue().state(), held.getValue().key()))
            .toList();
    return new TokenAuditReport(
        TokenAuditReport.currentApiVersion(),
        TokenAuditReport.KIND,
        backend,
        openbao,
        Rfc3339.format(now),
        tokens,
        heldButNotLive,
        summary(tokens, otherTokens),
        List.copyOf(warnings));
  }

  private AuditedToken audited(TokenInfo token) {
    Optional<HeldAccessors.Holding> holding = own.holding(token.accessor());
    String otherBackend = heldByOtherBackends.get(token.accessor());
    TokenState state =
        holding
            .map(HeldAccessors.Holding::state)
            .orElseGet(() -> otherBackend != null ? TokenState.OTHER_BACKEND : unheld(token));
    return new AuditedToken(
        token.accessor(),
        state,
        holding.map(HeldAccessors.Holding::key).orElse(null),
        holding.isPresent() ? null : otherBackend,
        Rfc3339.format(token.creationTime()),
        token.expireTime() == null ? null : Rfc3339.format(token.expireTime()),
        holding.flatMap(HeldAccessors.Holding::revokeAfter).map(Rfc3339::format).orElse(null),
        token.policies(),
        false);
  }

  private TokenState unheld(TokenInfo token) {
    boolean mintUnderWay =
        own.mintStartedAt().filter(started -> !token.creationTime().isBefore(started)).isPresent();
    boolean young = token.creationTime().isAfter(now.minus(minAge));
    return mintUnderWay || young ? TokenState.RECENT : TokenState.ORPHAN;
  }

  private static Summary summary(List<AuditedToken> tokens, int otherTokens) {
    Map<TokenState, Long> counts =
        tokens.stream().collect(Collectors.groupingBy(AuditedToken::state, Collectors.counting()));
    return new Summary(
        tokens.size(),
        count(counts, TokenState.CURRENT),
        count(counts, TokenState.STAGED),
        count(counts, TokenState.PREVIOUS),
        count(counts, TokenState.OTHER_BACKEND),
        count(counts, TokenState.RECENT),
        count(counts, TokenState.ORPHAN),
        0,
        otherTokens);
  }

  private static int count(Map<TokenState, Long> counts, TokenState state) {
    return counts.getOrDefault(state, 0L).intValue();
  }
}
