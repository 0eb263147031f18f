package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatchesTest {

  private static final ResourceType CONFIG_MAPS =
      BuiltInResources.find("", "v1", "configmaps").orElseThrow();
  private static final ResourceType WIDGETS =
      new ResourceType(
          "example.com",
          "v1",
          "Widget",
          "widgets",
          "widget",
          true,
          List.of(),
          List.of(),
          true,
          true,
          List.of(),
          Optional.empty(),
          Optional.empty());

  private static final ObjectNode CURRENT =
      Json.parseObject(
          """
          {"apiVersion":"v1","kind":"ConfigMap",
           "metadata":{"name":"c","labels":{"a":"1"},"finalizers":["x"]},
           "data":{"keep":"k","drop":"d"}}
          """);

  @Test
  void aMergePatchRemovesNullsAndMergesObjects() {
    ObjectNode patched =
        Patches.apply(
            Patches.MERGE_PATCH, "{\"data\":{\"drop\":null,\"new\":\"n\"}}", CURRENT, CONFIG_MAPS);

    assertThat(patched.path("data").toString()).isEqualTo("{\"keep\":\"k\",\"new\":\"n\"}");
    assertThat(CURRENT.path("data").has("drop")).as("the current object is untouched").isTrue();
  }

  @Test
  void aJsonPatchAppliesItsOperations() {
    ObjectNode patched =
        Patches.apply(
            Patches.JSON_PATCH,
            "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers/0\"}]",
            CURRENT,
            CONFIG_MAPS);

    assertThat(patched.path("metadata").path("finalizers")).isEmpty();
  }

  @Test
  void aJsonPatchThatCannotApplyIsInvalid() {
    assertThatThrownBy(
            () ->
                Patches.apply(
                    Patches.JSON_PATCH,
                    "[{\"op\":\"test\",\"path\":\"/data/keep\",\"value\":\"other\"}]",
                    CURRENT,
                    CONFIG_MAPS))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(422));
  }

  @Test
  void aStrategicMergePatchOfABuiltInMergesWithoutItsDirectives() {
    ObjectNode patched =
        Patches.apply(
            Patches.STRATEGIC_MERGE_PATCH,
            "{\"$setElementOrder/x\":[],\"data\":{\"new\":\"n\",\"$patch\":\"merge\"}}",
            CURRENT,
            CONFIG_MAPS);

    assertThat(patched.toString()).doesNotContain("$");
    assertThat(patched.path("data").path("new").asText()).isEqualTo("n");
  }

  @Test
  void aStrategicMergePatchOfACustomResourceIsUnsupported() {
    assertThatThrownBy(() -> Patches.apply(Patches.STRATEGIC_MERGE_PATCH, "{}", CURRENT, WIDGETS))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(415));
  }

  @Test
  void serverSideApplyReplacesTheFieldsItNamesAndMergesLabelsAndFinalizers() {
    ObjectNode applied =
        Patches.apply(
            Patches.APPLY_PATCH,
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              labels: {b: "2"}
              finalizers: [y]
            data:
              only: o
            """,
            CURRENT,
            CONFIG_MAPS);

    assertThat(applied.path("data").toString()).isEqualTo("{\"only\":\"o\"}");
    assertThat(applied.path("metadata").path("labels").toString())
        .isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    assertThat(applied.path("metadata").path("finalizers").toString()).isEqualTo("[\"x\",\"y\"]");
  }

  @Test
  void anUnknownPatchTypeIsUnsupported() {
    assertThatThrownBy(() -> Patches.apply("text/plain", "x", CURRENT, CONFIG_MAPS))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(415));
  }
}
