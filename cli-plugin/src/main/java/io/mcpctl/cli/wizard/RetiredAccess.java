package io.mcpctl.cli.wizard;

import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.openbao.OpenBaoPaths;
import io.mcpctl.openbao.policy.NarrowAccess;
import java.util.List;
import java.util.Optional;

/**
 * The token role, and the policy when it is known, that a re-run switched a backend away from. The
 * wizard never deletes or rewrites them: an older mcpctl named them after the backend alone ({@code
 * mcpctl-<backend>}, {@code mcpctl-<backend>-rotator}), so a backend of the same name in another
 * namespace may still use them. The summary says how to delete them once nothing does; a role the
 * spec named otherwise is only named, since whoever may edit the spec could have named another
 * team's.
 *
 * @param policy present for the names mcpctl gives (the old shared ones, or this backend's own),
 *     whose policy is known from the role's name
 */
record RetiredAccess(String role, Optional<String> policy) {

  /**
   * What the existing backend used and this run no longer does; empty for a new backend or one that
   * keeps its role.
   */
  static Optional<RetiredAccess> of(
      String namespace, String backend, Optional<RotationSpec> existing, NarrowAccess access) {
    return existing
        .map(RotationSpec::getTokenRole)
        // A name OpenBao refuses never minted a token (the operator refuses such a spec), and the
        // summary would put it into a command the admin pastes.
        .filter(OpenBaoPaths::isRoleName)
        .filter(role -> !role.equals(access.roleName()))
        .map(
            role ->
                new RetiredAccess(
                    role,
                    role.equals(legacyRoleName(backend))
                        ? Optional.of(legacyPolicyName(backend))
                        : role.equals(NarrowAccess.defaultRoleName(namespace, backend))
                            ? Optional.of(NarrowAccess.defaultPolicyName(namespace, backend))
                            : Optional.empty()));
  }

  /** The policy name an mcpctl without per-namespace names gave every backend called so. */
  static String legacyPolicyName(String backend) {
    return "mcpctl-" + backend;
  }

  static String legacyRoleName(String backend) {
    return legacyPolicyName(backend) + "-rotator";
  }

  /** The summary's lines: what is no longer used, and the commands that delete it. */
  List<String> summary(String backend) {
    if (policy.isEmpty()) {
      // A name taken from the spec, which whoever may edit the backend chose: it may be another
      // team's role, so no command to paste with the admin token at hand.
      return List.of(
          "SecretBackend "
              + backend
              + " no longer uses token role "
              + role
              + ", which its spec named; it may be another backend's, so check which backends use"
              + " it before deleting it.");
    }
    return List.of(
        "SecretBackend "
            + backend
            + " no longer uses policy "
            + policy.get()
            + " and token role "
            + role
            + (role.equals(legacyRoleName(backend))
                ? " (mcpctl's old names, shared by the backends called "
                    + backend
                    + " in every namespace)"
                : " (the names an earlier run made for it)")
            + "; once no other backend uses them, delete them with:",
        "  bao policy delete " + policy.get(),
        "  bao delete auth/token/roles/" + role);
  }
}
