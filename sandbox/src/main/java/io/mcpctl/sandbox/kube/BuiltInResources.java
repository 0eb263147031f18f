package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The built-in resources the embedded API lists in discovery: what kubectl, the operator and the
 * Helm chart touch. Their printer columns follow kubectl's own for these kinds.
 */
final class BuiltInResources {

  static final List<ResourceType> ALL =
      List.of(
          builtIn(
              "",
              "Secret",
              "secrets",
              true,
              List.of(),
              List.of(text("Type", o -> o.path("type")), count("Data", "data"), age())),
          builtIn(
              "",
              "ConfigMap",
              "configmaps",
              true,
              List.of("cm"),
              List.of(count("Data", "data"), age())),
          builtIn(
              "",
              "Event",
              "events",
              true,
              List.of("ev"),
              List.of(
                  new PrinterColumn(
                      "Last Seen",
                      "string",
                      "",
                      "When the event was last seen",
                      0,
                      BuiltInResources::lastSeen),
                  text("Type", o -> o.path("type")),
                  text("Reason", o -> o.path("reason")),
                  text("Object", BuiltInResources::involvedObject),
                  text("Message", o -> o.path("message")))),
          builtIn(
              "",
              "Namespace",
              "namespaces",
              false,
              List.of("ns"),
              List.of(text("Status", o -> o.path("status").path("phase")), age())),
          builtIn(
              "",
              "Pod",
              "pods",
              true,
              List.of("po"),
              List.of(text("Status", o -> o.path("status").path("phase")), age())),
          builtIn(
              "",
              "Service",
              "services",
              true,
              List.of("svc"),
              List.of(text("Type", o -> o.path("spec").path("type")), age())),
          builtIn("", "ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(age())),
          builtIn(
              "apps/v1",
              "Deployment",
              "deployments",
              true,
              List.of("deploy"),
              List.of(text("Ready", BuiltInResources::readyReplicas), age())),
          builtIn(
              "apps/v1",
              "ReplicaSet",
              "replicasets",
              true,
              List.of("rs"),
              List.of(text("Ready", BuiltInResources::readyReplicas), age())),
          builtIn(
              "apps/v1",
              "StatefulSet",
              "statefulsets",
              true,
              List.of("sts"),
              List.of(text("Ready", BuiltInResources::readyReplicas), age())),
          builtIn("apps/v1", "DaemonSet", "daemonsets", true, List.of("ds"), List.of(age())),
          builtIn("batch/v1", "Job", "jobs", true, List.of(), List.of(age())),
          builtIn("rbac.authorization.k8s.io/v1", "Role", "roles", true, List.of(), List.of(age())),
          builtIn(
              "rbac.authorization.k8s.io/v1",
              "RoleBinding",
              "rolebindings",
              true,
              List.of(),
              List.of(text("Role", BuiltInResources::roleRef), age())),
          builtIn(
              "rbac.authorization.k8s.io/v1",
              "ClusterRole",
              "clusterroles",
              false,
              List.of(),
              List.of(age())),
          builtIn(
              "rbac.authorization.k8s.io/v1",
              "ClusterRoleBinding",
              "clusterrolebindings",
              false,
              List.of(),
              List.of(text("Role", BuiltInResources::roleRef), age())),
          builtIn(
              "coordination.k8s.io/v1",
              "Lease",
              "leases",
              true,
              List.of(),
              List.of(text("Holder", o -> o.path("spec").path("holderIdentity")), age())),
          builtIn(
              "apiextensions.k8s.io/v1",
              "CustomResourceDefinition",
              "customresourcedefinitions",
              false,
              List.of("crd", "crds"),
              List.of(
                  new PrinterColumn(
                      "Created At",
                      "date",
                      "",
                      "When the definition was created",
                      0,
                      (o, now) -> o.path("metadata").path("creationTimestamp")))),
          builtIn(
              "policy/v1",
              "PodDisruptionBudget",
              "poddisruptionbudgets",
              true,
              List.of("pdb"),
              List.of(age())));

  private BuiltInResources() {}

  static Optional<ResourceType> find(String group, String version, String plural) {
    return ALL.stream().filter(type -> type.matches(group, version, plural)).findFirst();
  }

  static boolean isCustomResourceDefinitions(ResourceType type) {
    return type.group().equals("apiextensions.k8s.io")
        && type.plural().equals("customresourcedefinitions");
  }

  private static ResourceType builtIn(
      String groupVersion,
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames,
      List<PrinterColumn> columns) {
    String group =
        groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "";
    String version =
        groupVersion.isEmpty() ? "v1" : groupVersion.substring(groupVersion.indexOf('/') + 1);
    boolean hasStatus =
        List.of(
                "namespaces",
                "pods",
                "services",
                "deployments",
                "replicasets",
                "statefulsets",
                "daemonsets",
                "jobs",
                "customresourcedefinitions",
                "poddisruptionbudgets")
            .contains(plural);
    return new ResourceType(
        group,
        version,
        kind,
        plural,
        kind.toLowerCase(Locale.ROOT),
        namespaced,
        shortNames,
        List.of(),
        hasStatus,
        false,
        columns,
        Optional.empty(),
        Optional.empty());
  }

  private static PrinterColumn text(String name, Function<ObjectNode, JsonNode> value) {
    return new PrinterColumn(
        name,
        "string",
        "",
        name,
        0,
        (object, now) -> {
          JsonNode cell = value.apply(object);
          return cell.isValueNode() && !cell.isNull()
              ? TextNode.valueOf(cell.asText())
              : NullNode.instance;
        });
  }

  private static PrinterColumn count(String name, String field) {
    return new PrinterColumn(
        name,
        "integer",
        "",
        "Number of entries in " + field,
        0,
        (o, now) -> IntNode.valueOf(o.path(field).size()));
  }

  private static PrinterColumn age() {
    return new PrinterColumn(
        "Age", "string", "", "Time since the object was created", 0, TableCells::ageOfCreation);
  }

  private static JsonNode lastSeen(ObjectNode event, java.time.Instant now) {
    return Json.text(event, "lastTimestamp")
        .or(() -> Json.text(event, "eventTime"))
        .or(() -> Json.text(event, "metadata.creationTimestamp"))
        .map(timestamp -> TableCells.age(timestamp, now))
        .orElse(TextNode.valueOf("<unknown>"));
  }

  private static JsonNode involvedObject(ObjectNode event) {
    JsonNode involved = event.path("involvedObject");
    return TextNode.valueOf(
        involved.path("kind").asText().toLowerCase(Locale.ROOT)
            + "/"
            + involved.path("name").asText());
  }

  private static JsonNode readyReplicas(ObjectNode deployment) {
    return TextNode.valueOf(
        deployment.path("status").path("readyReplicas").asInt(0)
            + "/"
            + deployment.path("spec").path("replicas").asInt(1));
  }

  private static JsonNode roleRef(ObjectNode binding) {
    JsonNode ref = binding.path("roleRef");
    return ref.isMissingNode()
        ? NullNode.instance
        : TextNode.valueOf(ref.path("kind").asText() + "/" + ref.path("name").asText());
  }
}
