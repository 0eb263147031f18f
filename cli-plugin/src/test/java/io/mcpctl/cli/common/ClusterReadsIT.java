package io.mcpctl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.mcpctl.cli.KubeFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugin's lists come in pages as kubectl's do, and every page is read. */
class ClusterReadsIT {

  private static final int ITEMS = ClusterReads.PAGE_SIZE + 3;
  private static KubeFixture kube;
  private static String namespace;

  @BeforeAll
  static void start() {
    kube = KubeFixture.start();
    namespace = kube.newNamespace("pages");
    for (int i = 0; i < ITEMS; i++) {
      kube.client()
          .configMaps()
          .inNamespace(namespace)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(String.format("item-%04d", i))
                  .addToLabels("kept", i % 2 == 0 ? "yes" : "no")
                  .endMetadata()
                  .withData(Map.of("k", "v"))
                  .build())
          .create();
    }
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void aListLongerThanAPageIsReadWholeInTwoRequests() {
    List<String> paths = new ArrayList<>();
    try (ClusterReads reads = new ClusterReads(counting(paths), namespace)) {
      List<JsonNode> items = reads.list("/api/v1", "configmaps", null);

      assertThat(items).hasSize(ITEMS);
      assertThat(items.get(ITEMS - 1).path("metadata").path("name").asText())
          .isEqualTo(String.format("item-%04d", ITEMS - 1));
    }
    assertThat(paths).hasSize(2);
    assertThat(paths.get(0)).endsWith("/configmaps?limit=" + ClusterReads.PAGE_SIZE);
    assertThat(paths.get(1)).contains("&continue=");
  }

  @Test
  void aSelectorStaysOnEveryPage() {
    List<String> paths = new ArrayList<>();
    try (ClusterReads reads = new ClusterReads(counting(paths), namespace)) {
      assertThat(reads.labelled("/api/v1", "configmaps", "kept=yes")).hasSize((ITEMS + 1) / 2);
    }
    assertThat(paths).hasSize(1).allMatch(path -> path.contains("labelSelector=kept%3Dyes&limit="));
  }

  /** The direct API to the embedded server, noting each path it is asked for. */
  private static KubeApi counting(List<String> paths) {
    KubeApi direct = DirectKubeApis.of(kube.kubeconfig());
    return new KubeApi() {
      @Override
      public Optional<JsonNode> get(String path) {
        paths.add(path);
        return direct.get(path);
      }

      @Override
      public String configuredNamespace() {
        return direct.configuredNamespace();
      }

      @Override
      public void close() {
        direct.close();
      }
    };
  }
}
