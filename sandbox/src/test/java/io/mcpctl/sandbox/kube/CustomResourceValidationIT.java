package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Custom resources are defaulted and validated against their CRD schema on every write. */
class CustomResourceValidationIT {

  private static final String COLLECTION =
      "/apis/mcpctl.io/v1alpha1/namespaces/default/secretbackends";

  private static EmbeddedKubernetes kube;
  private static KubernetesClient client;
  private static RawApi api;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start();
    client = kube.client();
    api = new RawApi(kube, client);
    SecretBackendFixtures.installCrd(client);
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void anInvalidResourceIsRefusedWith422NamingTheField() {
    RawApi.Response refused =
        api.send(
            "POST", COLLECTION, "application/json", backend("bad-type", "{\"type\":\"vault\"}"));

    assertThat(refused.code()).isEqualTo(422);
    JsonNode status = refused.json();
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("reason").asText()).isEqualTo("Invalid");
    assertThat(status.path("code").asInt()).isEqualTo(422);
    assertThat(status.path("message").asText())
        .startsWith(
            "SecretBackend.mcpctl.io \"bad-type\" is invalid: spec.type: Unsupported value:"
                + " \"vault\"");
    assertThat(status.path("details").path("name").asText()).isEqualTo("bad-type");
    assertThat(status.path("details").path("group").asText()).isEqualTo("mcpctl.io");
    assertThat(status.path("details").path("kind").asText()).isEqualTo("SecretBackend");
    JsonNode cause = status.path("details").path("causes").get(0);
    assertThat(cause.path("field").asText()).isEqualTo("spec.type");
    assertThat(cause.path("reason").asText()).isEqualTo("FieldValueNotSupported");
    assertThat(api.get(COLLECTION + "/bad-type").code()).as("nothing was stored").isEqualTo(404);
  }

  @Test
  void defaultsFromTheSchemaAreAppliedOnCreate() {
    String openbao =
        "{\"type\":\"openbao\",\"openbao\":{\"address\":\"https://bao.example.com\","
            + "\"auth\":{\"tokenSecretRef\":{\"name\":\"t\",\"key\":\"token\"},"
            + "\"rotation\":{\"enabled\":true,\"tokenRole\":\"r\"}}}}";
    RawApi.Response created =
        api.send("POST", COLLECTION, "application/json", backend("defaulted", openbao));

    assertThat(created.code()).isEqualTo(201);
    JsonNode spec = api.get(COLLECTION + "/defaulted").json().path("spec").path("openbao");
    assertThat(spec.path("kv").path("mount").asText()).isEqualTo("secret");
    assertThat(spec.path("kv").path("pathPrefix").asText()).isEqualTo("mcpctl");
    assertThat(spec.path("auth").path("rotation").path("interval").asText()).isEqualTo("24h");
    assertThat(spec.path("auth").path("rotation").path("jitter").asText()).isEqualTo("10m");
    assertThat(spec.path("auth").path("rotation").path("revokeGracePeriod").asText())
        .isEqualTo("2m");
  }

  @Test
  void patchesAndUpdatesAreValidatedToo() {
    api.send(
        "POST", COLLECTION, "application/json", backend("patched", "{\"type\":\"kubernetes\"}"));

    RawApi.Response mergePatch =
        api.send(
            "PATCH",
            COLLECTION + "/patched",
            "application/merge-patch+json",
            "{\"spec\":{\"default\":\"yes\"}}");
    assertThat(mergePatch.code()).isEqualTo(422);
    assertThat(mergePatch.json().path("details").path("causes").get(0).path("field").asText())
        .isEqualTo("spec.default");

    RawApi.Response jsonPatch =
        api.send(
            "PATCH",
            COLLECTION + "/patched",
            "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/spec/type\",\"value\":\"vault\"}]");
    assertThat(jsonPatch.code()).isEqualTo(422);

    JsonNode current = api.get(COLLECTION + "/patched").json();
    ((com.fasterxml.jackson.databind.node.ObjectNode) current.path("spec")).put("surprise", 1);
    RawApi.Response update =
        api.send("PUT", COLLECTION + "/patched", "application/json", current.toString());
    assertThat(update.code()).isEqualTo(422);
    assertThat(update.json().path("message").asText()).contains("spec.surprise");

    RawApi.Response valid =
        api.send(
            "PATCH",
            COLLECTION + "/patched",
            "application/merge-patch+json",
            "{\"spec\":{\"default\":true}}");
    assertThat(valid.code()).isEqualTo(200);
    assertThat(valid.json().path("spec").path("default").asBoolean()).isTrue();
  }

  @Test
  void aStrategicMergePatchOfACustomResourceIsRefusedAsTheServerDoes() {
    api.send(
        "POST", COLLECTION, "application/json", backend("strategic", "{\"type\":\"kubernetes\"}"));

    RawApi.Response refused =
        api.send(
            "PATCH",
            COLLECTION + "/strategic",
            "application/strategic-merge-patch+json",
            "{\"spec\":{\"default\":true}}");

    assertThat(refused.code()).isEqualTo(415);
    assertThat(refused.json().path("reason").asText()).isEqualTo("UnsupportedMediaType");
  }

  private static String backend(String name, String spec) {
    return "{\"apiVersion\":\"mcpctl.io/v1alpha1\",\"kind\":\"SecretBackend\",\"metadata\":{\"name\":\""
        + name
        + "\"},\"spec\":"
        + spec
        + "}";
  }
}
