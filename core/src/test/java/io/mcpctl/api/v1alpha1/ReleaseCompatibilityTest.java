package io.mcpctl.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What one release writes, the next reads, and so does the one before after a rollback. The release
 * before consumers ({@code compat/release-before-consumers}: its CRD and a status it wrote) reads
 * SecretBackends with Jackson's default of refusing unknown fields, and Helm never downgrades the
 * CRD; so this release writes no status field that release's schema lacks.
 */
class ReleaseCompatibilityTest {

  private static final String BEFORE = "/compat/release-before-consumers/";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void aStatusTheReleaseBeforeWroteReadsAsItWasWritten() throws IOException {
    SecretBackend backend;
    try (InputStream json = fixture("secretbackend-with-status.json")) {
      backend = SERIALIZATION.unmarshal(json, SecretBackend.class);
    }

    assertThat(backend.getStatus().getObservedGeneration()).isEqualTo(3L);
    assertThat(backend.getStatus().getTokenMeta().getNextRotationAt())
        .isEqualTo("2026-12-02T00:41:07Z");
    assertThat(backend.getStatus().getTokenMeta().getHandledRotateRequest())
        .isEqualTo("2026-11-30T12:00:00Z");
    assertThat(backend.getStatus().condition(ReadyReasons.CONSUMERS_CONDITION)).isEmpty();
    assertThat(backend.getSpec().getOpenbao().getAuth().getRotation().getConsumers()).isNull();
  }

  @Test
  void theStatusHasNoFieldTheReleaseBeforeCannotRead() throws IOException {
    Set<String> before = fieldPaths(schema(beforeCrd(), "status"), "status");
    Set<String> now = fieldPaths(schema(currentCrd(), "status"), "status");

    assertThat(before).contains("status.conditions[].reason", "status.tokenMeta.health");
    assertThat(now).isEqualTo(before);
  }

  @Test
  void theOnlySpecFieldsTheReleaseBeforeCannotReadAreTheOnesAUserSetsToOptIn() throws IOException {
    Set<String> added = fieldPaths(schema(currentCrd(), "spec"), "spec");
    added.removeAll(fieldPaths(schema(beforeCrd(), "spec"), "spec"));

    assertThat(added)
        .contains("spec.openbao.auth.rotation.consumers.restart")
        .allMatch(path -> path.startsWith("spec.openbao.auth.rotation.consumers"));
  }

  @Test
  void fieldsALaterReleaseAddsAreIgnored() {
    SecretBackend backend =
        SERIALIZATION.unmarshal(
            """
            {"apiVersion": "mcpctl.io/v1alpha1", "kind": "SecretBackend",
             "metadata": {"name": "bao", "namespace": "team-a"},
             "spec": {"type": "openbao", "openbao": {"auth": {"rotation":
               {"enabled": true, "consumers": {"restart": "Rollout", "fromTheFuture": 2}}}}},
             "status": {"observedGeneration": 3, "fromTheFuture": {"x": 1},
               "tokenMeta": {"lastRotationAt": "2026-12-01T00:00:00Z", "alsoNew": true}}}
            """,
            SecretBackend.class);

    assertThat(backend.getStatus().getObservedGeneration()).isEqualTo(3L);
    assertThat(backend.getSpec().getOpenbao().getAuth().getRotation().isEnabled()).isTrue();
    assertThat(backend.getSpec().getOpenbao().getAuth().getRotation().getConsumers().getRestart())
        .isEqualTo("Rollout");
  }

  private static InputStream fixture(String name) {
    return ReleaseCompatibilityTest.class.getResourceAsStream(BEFORE + name);
  }

  private static JsonNode beforeCrd() throws IOException {
    try (InputStream yaml = fixture("secretbackends.mcpctl.io-v1.yml")) {
      return YAML.readTree(yaml);
    }
  }

  private static JsonNode currentCrd() throws IOException {
    Path crd =
        Path.of(System.getProperty("mcpctl.root", ".."))
            .resolve("crds/secretbackends.mcpctl.io-v1.yml");
    return YAML.readTree(Files.readString(crd));
  }

  private static JsonNode schema(JsonNode crd, String part) {
    JsonNode root =
        crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
    assertThat(root.path("properties").path(part).isObject())
        .as("a CRD whose schema has " + part)
        .isTrue();
    return root.path("properties").path(part);
  }

  /** Every property path under {@code schema}, array items included ({@code conditions[]}). */
  private static Set<String> fieldPaths(JsonNode schema, String prefix) {
    Set<String> paths = new TreeSet<>();
    collect(schema, prefix, paths);
    return paths;
  }

  private static void collect(JsonNode schema, String prefix, Set<String> paths) {
    if (schema.has("items")) {
      collect(schema.path("items"), prefix + "[]", paths);
    }
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      String path = prefix + "." + property.getKey();
      paths.add(path);
      collect(property.getValue(), path, paths);
    }
  }
}
