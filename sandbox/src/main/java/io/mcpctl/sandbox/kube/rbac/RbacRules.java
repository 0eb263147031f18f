package io.mcpctl.sandbox.kube.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;

/** The RBAC objects the API holds at the moment of a request. */
public record RbacRules(
    List<Role> roles,
    List<ClusterRole> clusterRoles,
    List<RoleBinding> roleBindings,
    List<ClusterRoleBinding> clusterRoleBindings) {

  public RbacRules {
    roles = List.copyOf(roles);
    clusterRoles = List.copyOf(clusterRoles);
    roleBindings = List.copyOf(roleBindings);
    clusterRoleBindings = List.copyOf(clusterRoleBindings);
  }
}
