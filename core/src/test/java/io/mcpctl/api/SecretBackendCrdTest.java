package io.mcpctl.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.RotationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated SecretBackend CRD carries what design §3 and issue 2 ask of it. */
class SecretBackendCrdTest {

  private static CustomResourceDefinitionVersion version;
  private static CustomResourceDefinition crd;

  @BeforeAll
  static void loadGeneratedCrd() throws IOException {
    try (InputStream yaml =
        SecretBackendCrdTest.class
            .getClassLoader()
            .getResourceAsStream("META-INF/fabric8/secretbackends.mcpctl.io-v1.yml")) {
      assertThat(yaml).as("the CRD generated at build time").isNotNull();
      crd = new KubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
    }
    assertThat(crd.getSpec().getVersions()).hasSize(1);
    version = crd.getSpec().getVersions().get(0);
  }

  @Test
  void namesTheResourceLikeTheDesign() {
    assertThat(crd.getMetadata().getName()).isEqualTo("secretbackends.mcpctl.io");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("secretbackends");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("sb");
    assertThat(crd.getSpec().getNames().getCategories()).containsExactly("mcpctl");
    assertThat(version.getName()).isEqualTo("v1alpha1");
    assertThat(version.getSubresources().getStatus()).isNotNull();
  }

  @Test
  void printerColumnsComeInTheDesignOrderWithPastTimesAsAgesAndExpiryAsATime() {
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(
            CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getType)
        .map(tuple -> tuple.toList())
        .containsExactly(
            List.of("TYPE", "string"),
            List.of("DEFAULT", "boolean"),
            List.of("READY", "string"),
            List.of("REASON", "string"),
            List.of("HEALTH", "string"),
            List.of("LAST ROTATION", "date"),
            List.of("EXPIRES", "string"),
            List.of("AGE", "date"),
            List.of("ADDRESS", "string"),
            List.of("OPENBAO NAMESPACE", "string"));
    assertThat(version.getAdditionalPrinterColumns())
        .as("where a backend lives is for kubectl get -o wide")
        .extracting(CustomResourceColumnDefinition::getPriority)
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 1);
  }

  @Test
  void specTypeIsAnEnumAndOpenbaoIsRequiredForTheOpenbaoType() {
    JSONSchemaProps spec = property(root(), "spec");
    assertThat(spec.getRequired()).containsExactly("type");
    assertThat(property(spec, "type").getEnum())
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("\"openbao\"", "\"kubernetes\"");
    assertThat(spec.getXKubernetesValidations())
        .extracting(
            ValidationRule::getRule, ValidationRule::getFieldPath, ValidationRule::getReason)
        .map(tuple -> tuple.toList())
        .containsExactly(
            List.of(
                "self.type != 'openbao' || has(self.openbao)", ".openbao", "FieldValueRequired"));
  }

  @Test
  void addressAndDurationsCarryPatternsAndRotationHasDefaults() {
    JSONSchemaProps openbao = property(property(root(), "spec"), "openbao");
    assertThat(openbao.getRequired()).containsExactlyInAnyOrder("address", "auth");
    assertThat(property(openbao, "address").getPattern()).isEqualTo(OpenBaoSpec.ADDRESS_PATTERN);
    JSONSchemaProps rotation = property(property(openbao, "auth"), "rotation");
    Map<String, String> expectedDefaults =
        Map.of("interval", "24h", "jitter", "10m", "revokeGracePeriod", "2m");
    expectedDefaults.forEach(
        (name, expected) -> {
          assertThat(property(rotation, name).getPattern())
              .as(name)
              .isEqualTo(RotationSpec.DURATION_PATTERN);
          assertThat(property(rotation, name).getDefault().asText()).as(name).isEqualTo(expected);
        });
    JSONSchemaProps kv = property(openbao, "kv");
    assertThat(property(kv, "mount").getDefault().asText()).isEqualTo("secret");
    assertThat(property(kv, "pathPrefix").getDefault().asText()).isEqualTo("mcpctl");
    assertThat(property(kv, "mount").getPattern()).isEqualTo(KvSpec.FOLDER_PATTERN);
    assertThat(property(kv, "pathPrefix").getPattern()).isEqualTo(KvSpec.FOLDER_PATTERN);
    assertThat(kv.getDefault())
        .as("kv defaults to an object so its fields get defaults")
        .isNotNull();
  }

  @Test
  void statusHasMetav1ConditionsAndAHealthEnum() {
    JSONSchemaProps status = property(root(), "status");
    JSONSchemaProps condition = property(status, "conditions").getItems().getSchema();
    assertThat(condition.getRequired())
        .containsExactlyInAnyOrder("type", "status", "lastTransitionTime", "reason", "message");
    assertThat(property(condition, "status").getEnum())
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("\"True\"", "\"False\"", "\"Unknown\"");
    assertThat(property(condition, "reason").getPattern()).isNotBlank();
    assertThat(property(property(status, "tokenMeta"), "health").getEnum())
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("\"Healthy\"", "\"Stale\"", "\"Warning\"", "\"Error\"");
  }

  @Test
  void everyFieldHasADescription() {
    List<String> undescribed = new ArrayList<>();
    root().getProperties().forEach((name, schema) -> collectUndescribed(name, schema, undescribed));
    assertThat(undescribed).as("fields without a description").isEmpty();
  }

  private static void collectUndescribed(String path, JSONSchemaProps schema, List<String> out) {
    if (schema.getDescription() == null || schema.getDescription().isBlank()) {
      out.add(path);
    }
    if (schema.getProperties() != null) {
      schema
          .getProperties()
          .forEach((name, child) -> collectUndescribed(path + "." + name, child, out));
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      JSONSchemaProps items = schema.getItems().getSchema();
      if (items.getProperties() != null) {
        items
            .getProperties()
            .forEach((name, child) -> collectUndescribed(path + "[]." + name, child, out));
      }
    }
  }

  private static JSONSchemaProps root() {
    return version.getSchema().getOpenAPIV3Schema();
  }

  private static JSONSchemaProps property(JSONSchemaProps parent, String name) {
    JSONSchemaProps child = parent.getProperties().get(name);
    assertThat(child).as("property %s", name).isNotNull();
    return child;
  }
}
