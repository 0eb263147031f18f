package io.mcpctl.sandbox.kube.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authorizer against the examples of the Kubernetes RBAC documentation
 * (kubernetes.io/docs/reference/access-authn-authz/rbac/): Role and ClusterRole, RoleBinding to a
 * ClusterRole, ClusterRoleBinding, subresources, resource names, non-resource URLs, ServiceAccount
 * and group subjects.
 */
class RbacAuthorizerTest {

  private static final Caller JANE = new Caller("jane", List.of(Caller.AUTHENTICATED));
  private static final Caller DAVE = new Caller("dave", List.of(Caller.AUTHENTICATED));
  private static final Caller MANAGER =
      new Caller("erin", List.of("manager", Caller.AUTHENTICATED));
  private static final Caller NOBODY = new Caller("mallory", List.of(Caller.AUTHENTICATED));
  private static final Caller OPERATOR = Caller.serviceAccount("mcpctl-system", "mcpctl-operator");
  private static final Caller QA_ROBOT = Caller.serviceAccount("qa", "robot");
  private static final Caller APPS_ROBOT = Caller.serviceAccount("apps", "robot");

  private static final RbacRules RULES =
      new RbacRules(
          List.of(
              role("default", "pod-reader", rule("", "pods", "get", "watch", "list")),
              role(
                  "default",
                  "configmap-updater",
                  new PolicyRuleBuilder()
                      .withApiGroups("")
                      .withResources("configmaps")
                      .withResourceNames("my-configmap")
                      .withVerbs("get", "update")
                      .build()),
              role("default", "log-reader", rule("", "pods/log", "get")),
              role("apps", "scaler", rule("apps", "*/scale", "update"))),
          List.of(
              clusterRole("secret-reader", rule("", "secrets", "get", "watch", "list")),
              clusterRole(
                  "operator",
                  rule("mcpctl.io", "secretbackends", "get", "list", "watch"),
                  rule("mcpctl.io", "secretbackends/status", "patch"),
                  rule("", "events", "create")),
              clusterRole(
                  "health-reader",
                  new PolicyRuleBuilder()
                      .withNonResourceURLs("/healthz", "/healthz/*")
                      .withVerbs("get")
                      .build()),
              clusterRole("everything-in-apps", rule("*", "*", "*"))),
          List.of(
              roleBinding("default", "read-pods", "Role", "pod-reader", user("jane")),
              roleBinding("default", "update-cm", "Role", "configmap-updater", user("jane")),
              roleBinding("default", "read-logs", "Role", "log-reader", user("dave")),
              roleBinding(
                  "development", "read-secrets", "ClusterRole", "secret-reader", user("dave")),
              roleBinding("apps", "scale", "Role", "scaler", group("system:serviceaccounts:qa")),
              roleBinding(
                  "apps",
                  "all-apps",
                  "ClusterRole",
                  "everything-in-apps",
                  serviceAccount("", "robot"))),
          List.of(
              clusterRoleBinding("read-secrets-global", "secret-reader", group("manager")),
              clusterRoleBinding(
                  "operator", "operator", serviceAccount("mcpctl-system", "mcpctl-operator")),
              clusterRoleBinding("health", "health-reader", group(Caller.AUTHENTICATED))));

  static Stream<Arguments> decisions() {
    return Stream.of(
        allowed("a Role's rule in its namespace", JANE, get("", "pods", "default", "web")),
        allowed("list on the collection", JANE, list("", "pods", "default")),
        denied("a Role grants nothing in another namespace", JANE, get("", "pods", "other", "web")),
        denied("a verb the rule does not name", JANE, verb("create", "", "pods", "default")),
        denied("a resource the rule does not name", JANE, get("", "secrets", "default", "s")),
        allowed(
            "a RoleBinding to a ClusterRole grants it in the binding's namespace",
            DAVE,
            get("", "secrets", "development", "s")),
        denied("…and nowhere else", DAVE, get("", "secrets", "default", "s")),
        allowed(
            "a ClusterRoleBinding grants in every namespace",
            MANAGER,
            get("", "secrets", "anywhere", "s")),
        allowed("…and across all namespaces", MANAGER, list("", "secrets", "")),
        allowed(
            "a subresource named as resource/subresource",
            DAVE,
            sub("get", "", "pods", "log", "default", "web")),
        denied("…does not grant the resource itself", DAVE, get("", "pods", "default", "web")),
        allowed(
            "*/scale matches any resource's scale subresource",
            QA_ROBOT,
            sub("update", "apps", "deployments", "scale", "apps", "web")),
        allowed(
            "resourceNames: the named object",
            JANE,
            get("", "configmaps", "default", "my-configmap")),
        denied("resourceNames: another object", JANE, get("", "configmaps", "default", "other")),
        denied(
            "resourceNames never match a request without a name (list)",
            JANE,
            list("", "configmaps", "default")),
        allowed("a non-resource URL", NOBODY, AccessRequest.nonResource("get", "/healthz")),
        allowed(
            "a non-resource URL prefix ending in *",
            NOBODY,
            AccessRequest.nonResource("get", "/healthz/ready")),
        denied(
            "a non-resource URL not listed", NOBODY, AccessRequest.nonResource("get", "/metrics")),
        allowed(
            "a ServiceAccount subject",
            OPERATOR,
            sub("patch", "mcpctl.io", "secretbackends", "status", "team-a", "bao")),
        denied(
            "status granted, the object not",
            OPERATOR,
            verb("patch", "mcpctl.io", "secretbackends", "team-a")),
        denied(
            "create on events does not grant patch",
            OPERATOR,
            verb("patch", "", "events", "team-a")),
        denied(
            "API group must match: secretbackends in the core group",
            OPERATOR,
            list("", "secretbackends", "team-a")),
        allowed(
            "a ServiceAccount subject without namespace means the binding's",
            APPS_ROBOT,
            verb("deletecollection", "batch", "jobs", "apps")),
        denied(
            "…and not the same name in another namespace",
            QA_ROBOT,
            verb("deletecollection", "batch", "jobs", "apps")),
        denied(
            "…in the binding's namespace only",
            APPS_ROBOT,
            verb("deletecollection", "batch", "jobs", "default")),
        denied("nobody is allowed by default", NOBODY, get("", "pods", "default", "web")),
        allowed(
            "system:masters is allowed everything",
            Caller.admin(),
            verb("deletecollection", "", "secrets", "kube-system")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void decisions(String sentence, Caller caller, AccessRequest request, boolean allowed) {
    assertThat(RbacAuthorizer.allows(caller, request, RULES)).isEqualTo(allowed);
  }

  private static Arguments allowed(String sentence, Caller caller, AccessRequest request) {
    return Arguments.of(sentence, caller, request, true);
  }

  private static Arguments denied(String sentence, Caller caller, AccessRequest request) {
    return Arguments.of(sentence, caller, request, false);
  }

  private static AccessRequest get(String group, String resource, String namespace, String name) {
    return AccessRequest.resource(
        "get", group, resource, "", namespaceOf(namespace), Optional.of(name));
  }

  private static AccessRequest list(String group, String resource, String namespace) {
    return verb("list", group, resource, namespace);
  }

  private static AccessRequest verb(String verb, String group, String resource, String namespace) {
    return AccessRequest.resource(
        verb, group, resource, "", namespaceOf(namespace), Optional.empty());
  }

  private static AccessRequest sub(
      String verb, String group, String resource, String sub, String namespace, String name) {
    return AccessRequest.resource(
        verb, group, resource, sub, namespaceOf(namespace), Optional.of(name));
  }

  private static Optional<String> namespaceOf(String namespace) {
    return namespace.isEmpty() ? Optional.empty() : Optional.of(namespace);
  }

  private static PolicyRule rule(String group, String resource, String... verbs) {
    return new PolicyRuleBuilder()
        .withApiGroups(group)
        .withResources(resource)
        .withVerbs(verbs)
        .build();
  }

  private static Role role(String namespace, String name, PolicyRule... rules) {
    return new RoleBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withRules(rules)
        .build();
  }

  private static ClusterRole clusterRole(String name, PolicyRule... rules) {
    return new ClusterRoleBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withRules(rules)
        .build();
  }

  private static RoleBinding roleBinding(
      String namespace, String name, String kind, String roleName, Subject subject) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", kind, roleName)
        .withSubjects(subject)
        .build();
  }

  private static ClusterRoleBinding clusterRoleBinding(
      String name, String roleName, Subject subject) {
    return new ClusterRoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", roleName)
        .withSubjects(subject)
        .build();
  }

  private static Subject user(String name) {
    return new SubjectBuilder().withKind("User").withName(name).build();
  }

  private static Subject group(String name) {
    return new SubjectBuilder().withKind("Group").withName(name).build();
  }

  private static Subject serviceAccount(String namespace, String name) {
    return new SubjectBuilder()
        .withKind("ServiceAccount")
        .withNamespace(namespace.isEmpty() ? null : namespace)
        .withName(name)
        .build();
  }
}
