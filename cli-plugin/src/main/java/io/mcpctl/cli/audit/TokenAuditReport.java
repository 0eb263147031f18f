package io.mcpctl.cli.audit;

import io.mcpctl.api.v1alpha1.SecretBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The audit of one backend's token role, as {@code -o json} prints it: a stable document for a
 * CronJob or a compliance report. Accessors only; it never holds a token.
 *
 * @param tokens every live token minted through the role, oldest first
 * @param heldButNotLive accessors the Secret holds that OpenBao no longer knows
 * @param warnings what limited the audit, one sentence each
 */
record TokenAuditReport(
    String apiVersion,
    String kind,
    Backend backend,
    OpenBao openbao,
    String auditedAt,
    List<AuditedToken> tokens,
    List<HeldToken> heldButNotLive,
    Summary summary,
    List<String> warnings) {

  static final String KIND = "TokenAudit";

  record Backend(String namespace, String name) {}

  /**
   * @param namespace the OpenBao namespace; null for the root namespace
   */
  record OpenBao(String address, String namespace, String tokenRole) {}

  /**
   * @param heldIn the Secret key holding its accessor, when the backend's Secret holds it
   * @param heldBy {@code <namespace>/<name>} of another backend holding it
   * @param revokeAfter for a previous token: when the operator revokes it
   * @param revoked whether this audit revoked it
   */
  record AuditedToken(
      String accessor,
      TokenState state,
      String heldIn,
      String heldBy,
      String createdAt,
      String expiresAt,
      String revokeAfter,
      List<String> policies,
      boolean revoked) {

    AuditedToken revokedNow() {
      return new AuditedToken(
          accessor, state, heldIn, heldBy, createdAt, expiresAt, revokeAfter, policies, true);
    }
  }

  record HeldToken(String accessor, TokenState state, String heldIn) {}

  /**
   * @param otherTokens live tokens of the namespace that the role did not mint (not audited)
   */
  record Summary(
      int live,
      int current,
      int staged,
      int previous,
      int otherBackend,
      int recent,
      int orphans,
      int revoked,
      int otherTokens) {}

  static String currentApiVersion() {
    return SecretBackend.GROUP + "/" + SecretBackend.VERSION;
  }

  List<AuditedToken> orphans() {
    return tokens.stream().filter(token -> token.state() == TokenState.ORPHAN).toList();
  }

  /** Orphans still alive after this audit. */
  List<AuditedToken> orphansLeft() {
    return orphans().stream().filter(token -> !token.revoked()).toList();
  }

  /** This report with {@code more} warnings after its own. */
  TokenAuditReport withWarnings(List<String> more) {
    List<String> all = new ArrayList<>(warnings);
    all.addAll(more);
    return new TokenAuditReport(
        apiVersion, kind, backend, openbao, auditedAt, tokens, heldButNotLive, summary, all);
  }

  /** This report with the tokens of {@code accessors} marked revoked. */
  TokenAuditReport withRevoked(Set<String> accessors) {
    List<AuditedToken> updated =
        tokens.stream()
            .map(token -> accessors.contains(token.accessor()) ? token.revokedNow() : token)
            .toList();
    Summary counted =
        new Summary(
            summary.live(),
            summary.current(),
            summary.staged(),
            summary.previous(),
            summary.otherBackend(),
            summary.recent(),
            summary.orphans(),
            (int) updated.stream().filter(AuditedToken::revoked).count(),
            summary.otherTokens());
    return new TokenAuditReport(
        apiVersion, kind, backend, openbao, auditedAt, updated, heldButNotLive, counted, warnings);
  }
}
