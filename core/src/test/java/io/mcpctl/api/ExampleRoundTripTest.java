package io.mcpctl.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mcpctl.api.v1alpha1.SecretBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field the examples set survives a trip through the Java types: a field the types drop would
 * be invisible to the operator and the plugin. (The types may add defaults; that is fine.)
 */
class ExampleRoundTripTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Path EXAMPLES =
      Path.of(System.getProperty("mcpctl.root", "..")).resolve("examples").normalize();

  static Stream<Path> validExamples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validExamples")
  void everyFieldOfTheExampleSurvivesTheJavaTypes(Path example) throws IOException {
    String yaml = Files.readString(example);
    JsonNode original = SERIALIZATION.unmarshal(yaml, JsonNode.class);

    SecretBackend backend = SERIALIZATION.unmarshal(yaml, SecretBackend.class);
    JsonNode roundTripped = SERIALIZATION.convertValue(backend, JsonNode.class);

    Map<String, JsonNode> leaves = new LinkedHashMap<>();
    collectLeaves("/spec", original.path("spec"), leaves);
    assertThat(leaves).isNotEmpty();
    leaves.forEach(
        (pointer, value) -> assertThat(roundTripped.at(pointer)).as(pointer).isEqualTo(value));
  }

  private static void collectLeaves(String pointer, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(field -> collectLeaves(pointer + "/" + field.getKey(), field.getValue(), out));
    } else {
      out.put(pointer, node);
    }
  }
}
