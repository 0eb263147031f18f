package io.mcpctl.cli.audit;

import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.text.ShellWord;

/** How an audit that found orphans tells the admin to revoke them. */
final class RevokeOrphansHint {

  private RevokeOrphansHint() {}

  /**
   * The command that revokes the orphans left, when the spec's values in it can be pasted as they
   * are: whoever may edit the backend chose its address, OpenBao namespace and role.
   */
  static String of(TokenAuditReport.Backend backend, TokenAuditReport.OpenBao openbao) {
    String address = openbao.address();
    String openBaoNamespace = openbao.namespace();
    String role = openbao.tokenRole();
    boolean ownRole =
        NarrowAccess.defaultRoleName(backend.namespace(), backend.name()).equals(role);
    String command = "kubectl mcpctl audit tokens " + backend.name() + " -n " + backend.namespace();
    boolean literal =
        ShellWord.isLiteral(address)
            && (openBaoNamespace == null || ShellWord.isLiteral(openBaoNamespace))
            && (ownRole || ShellWord.isLiteral(role));
    if (!literal) {
      return " with '"
          + command
          + " --revoke-orphans' and this audit's --url, --openbao-namespace and --role (not"
          + " repeated here: the backend's spec holds characters a shell would act on)";
    }
    return " with '"
        + command
        + " --url "
        + address
        + (openBaoNamespace == null ? "" : " --openbao-namespace " + openBaoNamespace)
        + " --revoke-orphans"
        + (ownRole ? "" : " --role " + role)
        + "'";
  }
}
