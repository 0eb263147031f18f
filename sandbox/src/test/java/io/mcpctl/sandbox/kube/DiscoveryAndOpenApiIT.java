package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The metadata endpoints kubectl reads before it does anything. */
class DiscoveryAndOpenApiIT {

  private static EmbeddedKubernetes kube;
  private static RawApi api;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start();
    api = new RawApi(kube, kube.client());
    SecretBackendFixtures.installCrd(kube.client());
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void versionAnswersWithAnyQueryStringAndSaysJson() {
    RawApi.Response version = api.get("/version?timeout=5s");

    assertThat(version.code()).isEqualTo(200);
    assertThat(version.contentType()).startsWith("application/json");
    assertThat(version.json().path("major").asText()).isEqualTo("1");
    assertThat(version.json().path("minor").asText()).isEqualTo("32");
  }

  @Test
  void coreDiscoveryListsTheBuiltInsWithVerbsAndShortNames() {
    assertThat(api.get("/api?timeout=32s").json().path("versions").get(0).asText()).isEqualTo("v1");

    JsonNode core = api.get("/api/v1?timeout=32s").json();
    assertThat(core.path("kind").asText()).isEqualTo("APIResourceList");
    assertThat(names(core))
        .contains("secrets", "configmaps", "events", "namespaces", "namespaces/status", "pods")
        .contains("services", "serviceaccounts");
    JsonNode namespaces = resource(core, "namespaces");
    assertThat(namespaces.path("namespaced").asBoolean()).isFalse();
    assertThat(texts(namespaces.path("shortNames"))).containsExactly("ns");
    assertThat(texts(namespaces.path("verbs")))
        .contains("create", "get", "list", "watch", "patch", "delete");
  }

  @Test
  void groupDiscoveryHasTheBuiltInGroupsAndTheAppliedCrdGroup() {
    JsonNode groups = api.get("/apis").json();
    List<String> names = new ArrayList<>();
    groups.path("groups").forEach(group -> names.add(group.path("name").asText()));

    assertThat(names)
        .contains(
            "apps",
            "rbac.authorization.k8s.io",
            "coordination.k8s.io",
            "apiextensions.k8s.io",
            "policy",
            "mcpctl.io")
        .doesNotContain("monitoring.coreos.com");
    assertThat(names(api.get("/apis/rbac.authorization.k8s.io/v1").json()))
        .contains("roles", "rolebindings", "clusterroles", "clusterrolebindings");
    assertThat(names(api.get("/apis/apps/v1").json())).contains("deployments");
    assertThat(names(api.get("/apis/coordination.k8s.io/v1").json())).contains("leases");
    assertThat(names(api.get("/apis/policy/v1").json())).contains("poddisruptionbudgets");
  }

  @Test
  void customResourceDiscoveryCarriesNamesScopeAndTheStatusSubresource() {
    JsonNode resources = api.get("/apis/mcpctl.io/v1alpha1?timeout=32s").json();

    JsonNode backends = resource(resources, "secretbackends");
    assertThat(backends.path("kind").asText()).isEqualTo("SecretBackend");
    assertThat(backends.path("singularName").asText()).isEqualTo("secretbackend");
    assertThat(backends.path("namespaced").asBoolean()).isTrue();
    assertThat(texts(backends.path("shortNames"))).containsExactly("sb");
    assertThat(texts(backends.path("categories"))).containsExactly("mcpctl");
    assertThat(texts(resource(resources, "secretbackends/status").path("verbs")))
        .containsExactly("get", "patch", "update");
    assertThat(api.get("/apis/monitoring.coreos.com/v1").code()).isEqualTo(404);
  }

  @Test
  void openApiV3DeclaresServerSideFieldValidationForEachResource() {
    JsonNode index = api.get("/openapi/v3").json();
    String relative =
        index.path("paths").path("apis/mcpctl.io/v1alpha1").path("serverRelativeURL").asText();
    assertThat(relative).startsWith("/openapi/v3/apis/mcpctl.io/v1alpha1?hash=");

    JsonNode document = api.get(relative).json();
    JsonNode patch =
        document
            .path("paths")
            .path("/apis/mcpctl.io/v1alpha1/namespaces/{namespace}/secretbackends/{name}")
            .path("patch");
    assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText())
        .isEqualTo("SecretBackend");
    assertThat(patch.path("parameters").get(0).path("name").asText()).isEqualTo("fieldValidation");
    assertThat(patch.path("parameters").get(0).path("in").asText()).isEqualTo("query");
    assertThat(
            document
                .path("components")
                .path("schemas")
                .path("io.mcpctl.v1alpha1.SecretBackend")
                .path("properties")
                .has("spec"))
        .as("the CRD schema is published for kubectl explain")
        .isTrue();
    assertThat(api.get("/openapi/v2").code()).isEqualTo(404);
  }

  @Test
  void unknownPathsAnswerNotFoundWithAStatusBody() {
    RawApi.Response missing = api.get("/apis/example.com/v1/namespaces/default/widgets");

    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/json");
    assertThat(missing.json().path("kind").asText()).isEqualTo("Status");
    assertThat(missing.json().path("reason").asText()).isEqualTo("NotFound");
  }

  private static JsonNode resource(JsonNode resourceList, String name) {
    for (JsonNode resource : resourceList.path("resources")) {
      if (resource.path("name").asText().equals(name)) {
        return resource;
      }
    }
    throw new AssertionError(name + " is not in " + resourceList);
  }

  private static List<String> names(JsonNode resourceList) {
    List<String> names = new ArrayList<>();
    resourceList.path("resources").forEach(resource -> names.add(resource.path("name").asText()));
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
