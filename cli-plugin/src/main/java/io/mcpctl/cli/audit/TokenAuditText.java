package io.mcpctl.cli.audit;

import io.mcpctl.cli.audit.TokenAuditReport.AuditedToken;
import io.mcpctl.cli.audit.TokenAuditReport.HeldToken;
import io.mcpctl.cli.audit.TokenAuditReport.Summary;
import io.mcpctl.cli.common.TextTable;
import java.io.PrintWriter;
import java.util.Objects;

/** The audit as a kubectl-style table, then what it means in a sentence or two. */
final class TokenAuditText {

  private TokenAuditText() {}

  static void print(TokenAuditReport report, PrintWriter out) {
    if (report.tokens().isEmpty()) {
      out.println("No live token of role " + report.openbao().tokenRole() + ".");
    } else {
      TextTable table = new TextTable("ACCESSOR", "STATE", "HELD AS", "CREATED", "EXPIRES");
      for (AuditedToken token : report.tokens()) {
        table.row(
            token.accessor(),
            token.state().wireName() + (token.revoked() ? " (revoked now)" : ""),
            heldAs(token),
            token.createdAt(),
            Objects.requireNonNullElse(token.expiresAt(), "never"));
      }
      table.print(out);
    }
    for (HeldToken held : report.heldButNotLive()) {
      out.println(
          "The Secret's "
              + held.heldIn()
              + " names accessor "
              + held.accessor()
              + ", which OpenBao no longer knows"
              + (held.state() == TokenState.PREVIOUS
                  ? " (already revoked; the operator clears the slot)."
                  : "; check the backend with 'kubectl mcpctl describe secretbackend "
                      + report.backend().name()
                      + "'."));
    }
    for (String warning : report.warnings()) {
      out.println("warning: " + warning);
    }
    out.println(summaryLine(report.summary(), report.openbao().tokenRole()));
    if (report.summary().recent() > 0) {
      out.println(
          "Recent tokens no Secret holds are younger than --min-age: a rotation may be about to"
              + " store them; audit again later to tell whether they are orphans.");
    }
  }

  private static String heldAs(AuditedToken token) {
    if (token.heldIn() != null) {
      return token.heldIn()
          + (token.revokeAfter() == null ? "" : " (revoked after " + token.revokeAfter() + ")");
    }
    return token.heldBy() == null ? "-" : "SecretBackend " + token.heldBy();
  }

  private static String summaryLine(Summary summary, String role) {
    return summary.live()
        + (summary.live() == 1 ? " live token" : " live tokens")
        + " of role "
        + role
        + ": "
        + summary.current()
        + " current, "
        + summary.staged()
        + " staged, "
        + summary.previous()
        + " previous, "
        + summary.otherBackend()
        + " of other backends, "
        + summary.recent()
        + " recent, "
        + summary.orphans()
        + (summary.orphans() == 1 ? " orphan" : " orphans")
        + (summary.revoked() > 0 ? " (" + summary.revoked() + " revoked now)" : "")
        + "; "
        + summary.otherTokens()
        + (summary.otherTokens() == 1 ? " other token" : " other tokens")
        + " not audited.";
  }
}
