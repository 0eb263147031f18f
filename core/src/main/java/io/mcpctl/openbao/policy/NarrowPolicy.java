package io.mcpctl.openbao.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HCL of design §6: KV v2 secrets in one namespace's folder, minting through one role, and the
 * token's own lookup, renewal and revocation. Nothing else: no other namespace's folder (a token
 * must never reach another namespace's secrets), no {@code sys/}, no other role, no revoke-accessor
 * (which would let the holder revoke any token whose accessor it learns).
 *
 * <p>The first line names the backend the policy was written for, so that a wizard run for another
 * backend can tell the policy is not its own and refuse to overwrite it.
 */
public final class NarrowPolicy {

  private static final String OWNER_LINE = "# Managed by mcpctl for SecretBackend ";
  private static final Pattern OWNER =
      Pattern.compile("\\A" + Pattern.quote(OWNER_LINE) + "([^\\s:]+/[^\\s:]+):");

  private NarrowPolicy() {}

  /** The policy text for {@code access}; the same input always gives the same text. */
  public static String hcl(NarrowAccess access) {
    String folder = access.folder();
    String data = access.mount() + "/data/" + folder + "/*";
    String metadata = access.mount() + "/metadata/" + folder + "/*";
    String mint = "auth/token/create/" + access.roleName();
    return OWNER_LINE
        + access.owner()
        + ": the narrow policy "
        + access.policyName()
        + ".\n"
        + "# Secrets of namespace "
        + access.namespace()
        + " only, under "
        + access.mount()
        + "/"
        + folder
        + "/ (KV v2 data and metadata).\n"
        + block(data, "\"create\", \"read\", \"update\", \"delete\"")
        + "\n"
        + block(metadata, "\"read\", \"list\", \"delete\"")
        + "\n"
        + "# Mint the successor token through the rotation role (orphan, periodic).\n"
        + block(mint, "\"update\"")
        + "\n"
        + "# The token's own lifecycle, written out because the default policy may be edited.\n"
        + block("auth/token/lookup-self", "\"read\"")
        + "\n"
        + block("auth/token/renew-self", "\"update\"")
        + "\n"
        + block("auth/token/revoke-self", "\"update\"");
  }

  /**
   * The backend ({@code <namespace>/<name>}) a policy text was written for, when its first line
   * names one; empty for a policy written by hand or by an mcpctl older than the per-namespace
   * policies.
   */
  public static Optional<String> owner(String policyText) {
    if (policyText == null) {
      return Optional.empty();
    }
    Matcher matcher = OWNER.matcher(policyText.stripLeading());
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static String block(String path, String capabilities) {
    return "path \"" + path + "\" {\n  capabilities = [" + capabilities + "]\n}\n";
  }
}
