package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LookupMemoryTest {

  private static final ResourcePath SECRET =
      ResourcePath.parse("/api/v1/namespaces/team-a/secrets/bao-token").orElseThrow();
  private static final ResourcePath BACKEND_V1 =
      ResourcePath.parse("/apis/mcpctl.io/v1/namespaces/team-a/secretbackends/bao").orElseThrow();
  private static final ResourcePath BACKEND_V1ALPHA1 =
      ResourcePath.parse("/apis/mcpctl.io/v1alpha1/namespaces/team-a/secretbackends/bao")
          .orElseThrow();
  private static final ResourcePath CRD =
      ResourcePath.parse(
              "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/secretbackends.mcpctl.io")
          .orElseThrow();

  private final LookupMemory memory = new LookupMemory();
  private final AtomicInteger lookups = new AtomicInteger();

  @Test
  void aNamedObjectIsLookedUpOnceUntilAWriteTouchesIt() {
    assertThat(memory.object(SECRET, answer("{\"v\":1}"))).contains("{\"v\":1}");
    assertThat(memory.object(SECRET, answer("{\"v\":2}"))).contains("{\"v\":1}");
    assertThat(lookups).hasValue(1);

    memory.forget(SECRET);

    assertThat(memory.object(SECRET, answer("{\"v\":2}"))).contains("{\"v\":2}");
    assertThat(lookups).hasValue(2);
  }

  @Test
  void anAbsentObjectIsRememberedAsAbsentUntilItIsCreated() {
    assertThat(memory.object(SECRET, absent())).isEmpty();
    assertThat(memory.object(SECRET, answer("{}"))).isEmpty();

    memory.forget(SECRET.collection().withName("bao-token"));

    assertThat(memory.object(SECRET, answer("{}"))).contains("{}");
  }

  @Test
  void aWriteThroughOneVersionForgetsTheObjectUnderEveryVersion() {
    memory.object(BACKEND_V1, answer("{\"v\":1}"));
    memory.object(BACKEND_V1ALPHA1, answer("{\"v\":1}"));

    memory.forget(BACKEND_V1ALPHA1.withName("bao"));

    assertThat(memory.object(BACKEND_V1, answer("{\"v\":2}"))).contains("{\"v\":2}");
    assertThat(memory.object(BACKEND_V1ALPHA1, answer("{\"v\":2}"))).contains("{\"v\":2}");
  }

  @Test
  void anAnswerLookedUpWhileAWriteWentOnIsNotKept() {
    Optional<String> raced =
        memory.object(
            SECRET,
            () -> {
              memory.forget(SECRET);
              return Optional.of("{\"v\":1}");
            });

    assertThat(raced).contains("{\"v\":1}");
    assertThat(memory.object(SECRET, answer("{\"v\":2}"))).contains("{\"v\":2}");
  }

  @Test
  void theCrdListIsKeptUntilACrdIsWritten() {
    ObjectNode crd = Json.object().put("kind", "CustomResourceDefinition");
    assertThat(memory.customResourceDefinitions(crds(crd))).containsExactly(crd);
    memory.forget(SECRET);
    assertThat(memory.customResourceDefinitions(crds())).containsExactly(crd);
    assertThat(lookups).hasValue(1);

    memory.forget(CRD);

    assertThat(memory.customResourceDefinitions(crds())).isEmpty();
  }

  private java.util.function.Supplier<Optional<String>> answer(String json) {
    return () -> {
      lookups.incrementAndGet();
      return Optional.of(json);
    };
  }

  private java.util.function.Supplier<Optional<String>> absent() {
    return () -> {
      lookups.incrementAndGet();
      return Optional.empty();
    };
  }

  private java.util.function.Supplier<List<ObjectNode>> crds(ObjectNode... crds) {
    return () -> {
      lookups.incrementAndGet();
      return List.of(crds);
    };
  }
}
