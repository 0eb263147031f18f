package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists in pages ({@code limit} and {@code continue}), read raw and by the real kubectl. */
class ListPagesIT {

  private static final String NAMESPACE = "paged";
  private static final String COLLECTION = "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
  private static final List<String> NAMES = IntStream.range(0, 7).mapToObj(i -> "c-" + i).toList();

  private static EmbeddedKubernetes kube;
  private static RawApi api;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start();
    KubernetesClient client = kube.client();
    for (String namespace : List.of(NAMESPACE, "elsewhere")) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
    // Created out of order: pages come in key order whatever the order of creation.
    for (String name : List.of("c-4", "c-0", "c-6", "c-2", "c-1", "c-5", "c-3")) {
      for (String namespace : List.of(NAMESPACE, "elsewhere")) {
        client
            .configMaps()
            .inNamespace(namespace)
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .endMetadata()
                    .withData(Map.of("k", "v"))
                    .build())
            .create();
      }
    }
    api = new RawApi(kube, client);
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void aLimitedListComesInPagesInKeyOrderUntilNoContinueIsLeft() {
    List<String> seen = new ArrayList<>();
    List<Long> remaining = new ArrayList<>();
    String query = "?limit=3";
    for (int pages = 1; ; pages++) {
      JsonNode page = api.get(COLLECTION + query).json();
      page.path("items").forEach(item -> seen.add(item.path("metadata").path("name").asText()));
      JsonNode next = page.path("metadata").path("continue");
      if (next.isMissingNode()) {
        assertThat(pages).isEqualTo(3);
        break;
      }
      remaining.add(page.path("metadata").path("remainingItemCount").asLong());
      query = "?limit=3&continue=" + next.asText();
    }
    assertThat(seen).isEqualTo(NAMES);
    assertThat(remaining).containsExactly(4L, 1L);
  }

  @Test
  void aSelectedListComesInPagesWithoutACountOfWhatRemains() {
    JsonNode page = api.get(COLLECTION + "?limit=3&fieldSelector=metadata.name%21%3Dc-9").json();

    assertThat(page.path("items")).hasSize(3);
    assertThat(page.path("metadata").has("continue")).isTrue();
    assertThat(page.path("metadata").has("remainingItemCount")).isFalse();
  }

  @Test
  void withoutALimitTheWholeListComesAtOnce() {
    JsonNode list = api.get(COLLECTION).json();

    assertThat(list.path("items")).hasSize(NAMES.size());
    assertThat(list.path("metadata").has("continue")).isFalse();
  }

  @Test
  void aTokenThisServerDidNotHandOutOrALimitThatIsNoNumberIsABadRequest() {
    RawApi.Response badToken = api.get(COLLECTION + "?limit=3&continue=bm90LWEtdG9rZW4");
    assertThat(badToken.code()).isEqualTo(400);
    assertThat(badToken.json().path("message").asText()).startsWith("continue key is not valid");

    assertThat(api.get(COLLECTION + "?limit=three").code()).isEqualTo(400);
  }

  @Test
  void kubectlReadsEveryPage(@TempDir Path work) {
    try (Kubectl kubectl = Kubectl.against(kube.writeKubeconfig(work.resolve("kubeconfig")))) {
      Kubectl.Result names =
          kubectl.run("get", "configmaps", "-n", NAMESPACE, "--chunk-size=3", "-o", "name");
      assertThat(names.succeeded()).as(names.describe()).isTrue();
      assertThat(names.stdout().lines())
          .containsExactlyElementsOf(NAMES.stream().map(name -> "configmap/" + name).toList());

      Kubectl.Result table = kubectl.run("get", "configmaps", "-n", NAMESPACE, "--chunk-size=3");
      assertThat(table.succeeded()).as(table.describe()).isTrue();
      assertThat(
              table.stdout().lines().skip(1).map(line -> Arrays.asList(line.split("\\s+")).get(0)))
          .containsExactlyElementsOf(NAMES);
    }
  }
}
