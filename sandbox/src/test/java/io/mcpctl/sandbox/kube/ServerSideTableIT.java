package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenHealth;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.time.Rfc3339;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Table {@code kubectl get} prints, built from the CRD's printer columns. */
class ServerSideTableIT {

  private static final String TABLE =
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

  private static EmbeddedKubernetes kube;
  private static KubernetesClient client;
  private static RawApi api;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start(0, Clock.fixed(NOW, ZoneOffset.UTC));
    client = kube.client();
    api = new RawApi(kube, client);
    SecretBackendFixtures.installCrd(client);
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata().build())
        .create();
    SecretBackendFixtures.kubernetesBackend(client, "default", "plain");
    client
        .resources(SecretBackend.class)
        .inNamespace("team-b")
        .resource(
            client
                .getKubernetesSerialization()
                .unmarshal(SecretBackendFixtures.openBaoBackendYaml("bao"), SecretBackend.class))
        .create();
    SecretBackend bao =
        client.resources(SecretBackend.class).inNamespace("team-b").withName("bao").get();
    TokenMeta tokenMeta = new TokenMeta();
    tokenMeta.setHealth(TokenHealth.HEALTHY);
    tokenMeta.setLastRotationAt(Rfc3339.format(NOW.minus(Duration.ofHours(5))));
    tokenMeta.setExpiresAt(Rfc3339.format(NOW.plus(Duration.ofDays(30))));
    SecretBackendStatus status = new SecretBackendStatus();
    status.setTokenMeta(tokenMeta);
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType("PolicyTooBroad")
                .withStatus("True")
                .withReason("ReachesOtherNamespaces")
                .withMessage("The token's policy reaches other namespaces.")
                .withLastTransitionTime(Rfc3339.format(NOW))
                .build(),
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("TokenValid")
                .withMessage("The token works.")
                .withLastTransitionTime(Rfc3339.format(NOW))
                .build()));
    bao.setStatus(status);
    client.resource(bao).updateStatus();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void theColumnsAreNameThenThePrinterColumnsOfTheCrd() {
    JsonNode table = api.get("/apis/mcpctl.io/v1alpha1/secretbackends", TABLE).json();

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    List<String> columns = new ArrayList<>();
    table.path("columnDefinitions").forEach(column -> columns.add(column.path("name").asText()));
    assertThat(columns)
        .containsExactly(
            "Name",
            "TYPE",
            "DEFAULT",
            "READY",
            "REASON",
            "HEALTH",
            "LAST ROTATION",
            "EXPIRES",
            "AGE",
            "ADDRESS",
            "OPENBAO NAMESPACE");
    assertThat(table.path("columnDefinitions").get(0).path("format").asText()).isEqualTo("name");
    assertThat(table.path("columnDefinitions").get(9).path("priority").asInt())
        .as("kubectl shows it with -o wide only")
        .isEqualTo(1);
  }

  @Test
  void cellsFollowTheColumnTypesWithDatesAsAgesAndTheExpiryAsItsTime() {
    JsonNode table =
        api.get("/apis/mcpctl.io/v1alpha1/namespaces/team-b/secretbackends/bao", TABLE).json();

    JsonNode cells = table.path("rows").get(0).path("cells");
    assertThat(cells.get(0).asText()).isEqualTo("bao");
    assertThat(cells.get(1).asText()).isEqualTo("openbao");
    assertThat(cells.get(2).isNull()).as("spec.default unset").isTrue();
    assertThat(cells.get(3).asText())
        .as("the Ready condition's, found among the others by its type")
        .isEqualTo("True");
    assertThat(cells.get(4).asText()).isEqualTo("TokenValid");
    assertThat(cells.get(5).asText()).isEqualTo("Healthy");
    assertThat(cells.get(6).asText()).isEqualTo("5h");
    assertThat(cells.get(7).asText())
        .as("EXPIRES is a string column: a date column would show a future time as <invalid>")
        .isEqualTo(Rfc3339.format(NOW.plus(Duration.ofDays(30))));
    assertThat(table.path("rows").get(0).path("object").path("kind").asText())
        .isEqualTo("PartialObjectMetadata");
    assertThat(table.path("rows").get(0).path("object").path("metadata").path("namespace").asText())
        .isEqualTo("team-b");
  }

  @Test
  void aListAcrossNamespacesHasARowPerObject() {
    JsonNode table = api.get("/apis/mcpctl.io/v1alpha1/secretbackends", TABLE).json();

    List<String> rows = new ArrayList<>();
    table
        .path("rows")
        .forEach(
            row ->
                rows.add(
                    row.path("object").path("metadata").path("namespace").asText()
                        + "/"
                        + row.path("cells").get(0).asText()));
    assertThat(rows).containsExactlyInAnyOrder("default/plain", "team-b/bao");
  }

  @Test
  void withoutTheTableAcceptHeaderAListIsTypedByKind() {
    JsonNode list = api.get("/apis/mcpctl.io/v1alpha1/namespaces/default/secretbackends").json();

    assertThat(list.path("kind").asText()).isEqualTo("SecretBackendList");
    assertThat(list.path("apiVersion").asText()).isEqualTo("mcpctl.io/v1alpha1");
    assertThat(list.path("items")).hasSize(1);
  }
}
