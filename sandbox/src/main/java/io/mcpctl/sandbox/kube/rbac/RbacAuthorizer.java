package io.mcpctl.sandbox.kube.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides a request as Kubernetes' RBAC authorizer does (plugin/pkg/auth/authorizer/rbac): the
 * rules of every ClusterRoleBinding and of every RoleBinding in the request's namespace whose
 * subjects name the caller, matched on verb, API group, resource or {@code resource/subresource},
 * resource name and non-resource URL. Deny is the default; there are no deny rules. Members of
 * {@code system:masters} are allowed everything before RBAC is asked, as on a real API server.
 */
public final class RbacAuthorizer {

  private static final String ALL = "*";

  private RbacAuthorizer() {}

  public static boolean allows(Caller caller, AccessRequest request, RbacRules rbac) {
    if (caller.isMaster()) {
      return true;
    }
    return rulesFor(caller, request.namespace(), rbac).anyMatch(rule -> matches(rule, request));
  }

  /** Every rule that applies to {@code caller} in {@code namespace} (cluster-wide when empty). */
  public static List<PolicyRule> rules(Caller caller, Optional<String> namespace, RbacRules rbac) {
    return new ArrayList<>(rulesFor(caller, namespace, rbac).toList());
  }

  private static Stream<PolicyRule> rulesFor(
      Caller caller, Optional<String> namespace, RbacRules rbac) {
    Stream<PolicyRule> clusterWide =
        rbac.clusterRoleBindings().stream()
            .filter(binding -> appliesTo(binding.getSubjects(), caller, ""))
            .flatMap(binding -> clusterRoleRules(binding.getRoleRef(), rbac));
    if (namespace.isEmpty()) {
      return clusterWide;
    }
    Stream<PolicyRule> namespaced =
        rbac.roleBindings().stream()
            .filter(binding -> namespace.get().equals(binding.getMetadata().getNamespace()))
            .filter(binding -> appliesTo(binding.getSubjects(), caller, namespace.get()))
            .flatMap(binding -> boundRules(binding, rbac));
    return Stream.concat(clusterWide, namespaced);
  }

  private static Stream<PolicyRule> boundRules(RoleBinding binding, RbacRules rbac) {
    RoleRef ref = binding.getRoleRef();
    if ("ClusterRole".equals(ref.getKind())) {
      return clusterRoleRules(ref, rbac);
    }
    String namespace = binding.getMetadata().getNamespace();
    return rbac.roles().stream()
        .filter(role -> namespace.equals(role.getMetadata().getNamespace()))
        .filter(role -> role.getMetadata().getName().equals(ref.getName()))
        .map(Role::getRules)
        .filter(Objects::nonNull)
        .flatMap(List::stream);
  }

  private static Stream<PolicyRule> clusterRoleRules(RoleRef ref, RbacRules rbac) {
    if (!"ClusterRole".equals(ref.getKind())) {
      return Stream.empty();
    }
    return rbac.clusterRoles().stream()
        .filter(role -> role.getMetadata().getName().equals(ref.getName()))
        .map(ClusterRole::getRules)
        .filter(Objects::nonNull)
        .flatMap(List::stream);
  }

  /**
   * Whether a binding's subjects name the caller; a ServiceAccount subject without a namespace
   * means the binding's own.
   */
  private static boolean appliesTo(List<Subject> subjects, Caller caller, String bindingNamespace) {
    if (subjects == null) {
      return false;
    }
    for (Subject subject : subjects) {
      String kind = subject.getKind();
      if ("User".equals(kind) && caller.name().equals(subject.getName())) {
        return true;
      }
      if ("Group".equals(kind) && caller.groups().contains(subject.getName())) {
        return true;
      }
      if ("ServiceAccount".equals(kind)) {
        String namespace =
            subject.getNamespace() == null || subject.getNamespace().isEmpty()
                ? bindingNamespace
                : subject.getNamespace();
        if (caller.name().equals("system:serviceaccount:" + namespace + ":" + subject.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matches(PolicyRule rule, AccessRequest request) {
    if (!contains(rule.getVerbs(), request.verb())) {
      return false;
    }
    if (!request.isResourceRequest()) {
      return nonResourceMatches(rule.getNonResourceURLs(), request.path());
    }
    return contains(rule.getApiGroups(), request.apiGroup())
        && resourceMatches(rule.getResources(), request)
        && nameMatches(rule.getResourceNames(), request.name());
  }

  private static boolean contains(List<String> values, String requested) {
    return values != null && (values.contains(ALL) || values.contains(requested));
  }

  private static boolean resourceMatches(List<String> resources, AccessRequest request) {
    if (resources == null) {
      return false;
    }
    for (String resource : resources) {
      if (resource.equals(ALL) || resource.equals(request.combinedResource())) {
        return true;
      }
      if (!request.subresource().isEmpty() && resource.equals("*/" + request.subresource())) {
        return true;
      }
    }
    return false;
  }

  /** Rules with resource names never match a request without a name (create, list, watch). */
  private static boolean nameMatches(List<String> names, Optional<String> name) {
    return names == null || names.isEmpty() || name.filter(names::contains).isPresent();
  }

  private static boolean nonResourceMatches(List<String> urls, String path) {
    if (urls == null) {
      return false;
    }
    for (String url : urls) {
      if (url.equals(ALL) || url.equals(path)) {
        return true;
      }
      if (url.endsWith(ALL) && path.startsWith(url.substring(0, url.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
