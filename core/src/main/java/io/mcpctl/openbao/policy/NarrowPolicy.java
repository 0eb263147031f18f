package io.mcpctl.openbao.policy;

/**
 * The HCL of design §6: KV v2 secrets under one prefix, minting through one role, and the token's
 * own lookup, renewal and revocation. Nothing else: no {@code sys/}, no other role, no
 * revoke-accessor (which would let the holder revoke any token whose accessor it learns).
 */
public final class NarrowPolicy {

  private NarrowPolicy() {}

  /** The policy text for {@code access}; the same input always gives the same text. */
  public static String hcl(NarrowAccess access) {
    String data = access.mount() + "/data/" + access.pathPrefix() + "/*";
    String metadata = access.mount() + "/metadata/" + access.pathPrefix() + "/*";
    String mint = "auth/token/create/" + access.roleName();
    return "# Managed by mcpctl: the narrow policy "
        + access.policyName()
        + ".\n"
        + "# Secrets under "
        + access.mount()
        + "/"
        + access.pathPrefix()
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

  private static String block(String path, String capabilities) {
    return "path \"" + path + "\" {\n  capabilities = [" + capabilities + "]\n}\n";
  }
}
