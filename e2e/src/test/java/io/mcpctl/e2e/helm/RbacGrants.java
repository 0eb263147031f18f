package io.mcpctl.e2e.helm;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * RBAC rules flattened to one grant per (group, resource, name, verb), written as "group/resource
 * verb" or "group/resource[name] verb" (core group empty), so two rule lists compare exactly
 * however their rules are grouped.
 */
final class RbacGrants {

  /**
   * What the operator sends in the namespaces it watches (JOSDK's informer and finalizer patches,
   * status updates, the token Secret store, core events created and, when repeated, patched to
   * raise their count, the token's consumer pods listed, a ReplicaSet read for its Deployment,
   * workloads read and rolling-restarted when asked) and nothing else.
   */
  static final Set<String> WATCHED_NAMESPACE_GRANTS =
      Set.of(
          "mcpctl.io/secretbackends get",
          "mcpctl.io/secretbackends list",
          "mcpctl.io/secretbackends watch",
          "mcpctl.io/secretbackends patch",
          "mcpctl.io/secretbackends/status update",
          "/secrets get",
          "/secrets update",
          "/secrets delete",
          "/events create",
          "/events patch",
          "/pods list",
          "apps/replicasets list",
          "apps/deployments get",
          "apps/deployments patch",
          "apps/statefulsets get",
          "apps/statefulsets patch",
          "apps/daemonsets get",
          "apps/daemonsets patch");

  private RbacGrants() {}

  /** The watch rules with {@code rbac.rolloutRestart: false}: no read or patch of any workload. */
  static Set<String> withoutRolloutRestarts() {
    Set<String> grants = new TreeSet<>(WATCHED_NAMESPACE_GRANTS);
    grants.removeIf(grant -> grant.startsWith("apps/") && !grant.startsWith("apps/replicasets "));
    return grants;
  }

  /** Leader election on the given Lease in the release namespace. */
  static Set<String> leaderElectionGrants(String leaseName) {
    return Set.of(
        "coordination.k8s.io/leases create",
        "coordination.k8s.io/leases[" + leaseName + "] get",
        "coordination.k8s.io/leases[" + leaseName + "] patch");
  }

  static Set<String> of(List<PolicyRule> rules) {
    Set<String> grants = new TreeSet<>();
    for (PolicyRule rule : rules) {
      List<String> names = rule.getResourceNames();
      for (String url : orEmpty(rule.getNonResourceURLs())) {
        rule.getVerbs().forEach(verb -> grants.add(url + " " + verb));
      }
      for (String group : orEmpty(rule.getApiGroups())) {
        for (String resource : orEmpty(rule.getResources())) {
          for (String verb : rule.getVerbs()) {
            if (names == null || names.isEmpty()) {
              grants.add(group + "/" + resource + " " + verb);
            } else {
              names.forEach(name -> grants.add(group + "/" + resource + "[" + name + "] " + verb));
            }
          }
        }
      }
    }
    return grants;
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }
}
