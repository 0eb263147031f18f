package io.mcpctl.openbao.policy;

import io.mcpctl.openbao.OpenBaoPaths;

/**
 * What one SecretBackend's narrow access covers: the KV v2 mount and path prefix its secrets live
 * under, the ACL policy that grants it, and the token role that mints its tokens.
 */
public record NarrowAccess(String mount, String pathPrefix, String policyName, String roleName) {

  /**
   * @throws IllegalArgumentException naming the first invalid part
   */
  public NarrowAccess {
    OpenBaoPaths.requireMount(mount);
    OpenBaoPaths.requirePathPrefix(pathPrefix);
    OpenBaoPaths.requirePolicyName(policyName);
    OpenBaoPaths.requireRoleName(roleName);
  }

  /**
   * The defaults for a backend: policy {@code mcpctl-<backend>}, role {@code
   * mcpctl-<backend>-rotator}.
   */
  public static NarrowAccess forBackend(String backendName, String mount, String pathPrefix) {
    return new NarrowAccess(
        mount, pathPrefix, defaultPolicyName(backendName), defaultRoleName(backendName));
  }

  public static String defaultPolicyName(String backendName) {
    return "mcpctl-" + backendName;
  }

  public static String defaultRoleName(String backendName) {
    return "mcpctl-" + backendName + "-rotator";
  }

  public NarrowAccess withPolicyName(String newPolicyName) {
    return new NarrowAccess(mount, pathPrefix, newPolicyName, roleName);
  }

  public NarrowAccess withRoleName(String newRoleName) {
    return new NarrowAccess(mount, pathPrefix, policyName, newRoleName);
  }
}
