package io.mcpctl.openbao.policy;

import io.mcpctl.openbao.OpenBaoPaths;

/**
 * What one SecretBackend's narrow access covers: the KV v2 folder its namespace's secrets live in
 * ({@code <mount>/<pathPrefix>/<namespace>/}), the ACL policy that grants it, and the token role
 * that mints its tokens. The backend is named by its Kubernetes namespace and name, so that the
 * same backend name in two namespaces never shares a policy or a role.
 */
public record NarrowAccess(
    String namespace,
    String backend,
    String mount,
    String pathPrefix,
    String policyName,
    String roleName) {

  /**
   * @throws IllegalArgumentException naming the first invalid part
   */
  public NarrowAccess {
    OpenBaoPaths.namespaceFolder(pathPrefix, namespace);
    OpenBaoPaths.requireName(backend, "SecretBackend");
    OpenBaoPaths.requireMount(mount);
    OpenBaoPaths.requirePolicyName(policyName);
    OpenBaoPaths.requireRoleName(roleName);
  }

  /**
   * The defaults for a backend: policy {@code mcpctl-<namespace>.<backend>}, role {@code
   * mcpctl-<namespace>.<backend>-rotator}. A namespace name never holds a dot, so the first dot
   * ends it and no two backends ever get the same names (with a dash, {@code team-b/bao} and {@code
   * team/b-bao} would); names of earlier versions ({@code mcpctl-<backend>}) never hold a dot
   * either, so no new name is an old one.
   */
  public static NarrowAccess forBackend(
      String namespace, String backend, String mount, String pathPrefix) {
    return new NarrowAccess(
        namespace,
        backend,
        mount,
        pathPrefix,
        defaultPolicyName(namespace, backend),
        defaultRoleName(namespace, backend));
  }

  public static String defaultPolicyName(String namespace, String backend) {
    return "mcpctl-" + namespace + "." + backend;
  }

  public static String defaultRoleName(String namespace, String backend) {
    return defaultPolicyName(namespace, backend) + "-rotator";
  }

  /** {@code <namespace>/<backend>}: the owner a policy written for this backend names. */
  public String owner() {
    return namespace + "/" + backend;
  }

  /** {@code <pathPrefix>/<namespace>}: the folder under the mount this backend's secrets use. */
  public String folder() {
    return OpenBaoPaths.namespaceFolder(pathPrefix, namespace);
  }

  public NarrowAccess withPolicyName(String newPolicyName) {
    return new NarrowAccess(namespace, backend, mount, pathPrefix, newPolicyName, roleName);
  }

  public NarrowAccess withRoleName(String newRoleName) {
    return new NarrowAccess(namespace, backend, mount, pathPrefix, policyName, newRoleName);
  }
}
