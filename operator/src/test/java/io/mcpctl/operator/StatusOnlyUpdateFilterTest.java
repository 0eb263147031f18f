package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.operator.testing.KubernetesFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusOnlyUpdateFilterTest {

  private final StatusOnlyUpdateFilter filter = new StatusOnlyUpdateFilter();

  static Stream<Arguments> updates() {
    return Stream.of(
        update(
            "the operator's own status patch is dropped",
            false,
            StatusOnlyUpdateFilterTest::newStatus),
        update(
            "a status patch with a new resource version only is dropped",
            false,
            backend -> {
              newStatus(backend);
              backend.getMetadata().setResourceVersion("43");
            }),
        update(
            "the rotate annotation reaches the reconciler",
            true,
            backend ->
                backend
                    .getMetadata()
                    .getAnnotations()
                    .put(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, "2030-01-01T00:00:00Z")),
        update(
            "a spec change reaches the reconciler",
            true,
            backend -> {
              backend.getSpec().getOpenbao().getAuth().getRotation().setInterval("12h");
              backend.getMetadata().setGeneration(2L);
            }),
        update(
            "a spec change the API server did not count in the generation reaches the reconciler",
            true,
            backend -> backend.getSpec().getOpenbao().getAuth().getRotation().setInterval("12h")),
        update(
            "a deletion reaches the reconciler",
            true,
            backend -> backend.getMetadata().setDeletionTimestamp("2030-01-01T00:00:00Z")),
        update(
            "a removed finalizer reaches the reconciler",
            true,
            backend -> backend.getMetadata().setFinalizers(List.of())),
        update(
            "a label change reaches the reconciler",
            true,
            backend -> backend.getMetadata().setLabels(Map.of("team", "b"))),
        update(
            "a new owner reaches the reconciler",
            true,
            backend ->
                backend
                    .getMetadata()
                    .setOwnerReferences(
                        List.of(
                            new OwnerReferenceBuilder()
                                .withKind("ConfigMap")
                                .withName("owner")
                                .withUid("u-1")
                                .build()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void passesEveryChangeButAStatusOnlyOne(
      String name, boolean passes, Consumer<SecretBackend> change) {
    SecretBackend previous = backend();
    SecretBackend updated = backend();
    change.accept(updated);

    assertThat(filter.accept(updated, previous)).isEqualTo(passes);
  }

  private static Arguments update(String name, boolean passes, Consumer<SecretBackend> change) {
    return Arguments.of(name, passes, change);
  }

  private static SecretBackend backend() {
    SecretBackend backend =
        KubernetesFixture.rotatingBackend(
            "team-a", "bao", "http://127.0.0.1:8200", "secret", "mcpctl/bao", "mcpctl-bao", "24h");
    backend.setMetadata(
        new ObjectMetaBuilder(backend.getMetadata())
            .withGeneration(1L)
            .withResourceVersion("42")
            .withAnnotations(new HashMap<>(Map.of("example.com/note", "kept")))
            .withFinalizers(SecretBackendReconciler.FINALIZER)
            .build());
    newStatusAt(backend, "2030-01-01T00:00:00Z");
    return backend;
  }

  private static void newStatus(SecretBackend backend) {
    newStatusAt(backend, "2030-01-02T00:00:00Z");
  }

  private static void newStatusAt(SecretBackend backend, String nextRotationAt) {
    TokenMeta meta = new TokenMeta();
    meta.setNextRotationAt(nextRotationAt);
    SecretBackendStatus status = new SecretBackendStatus();
    status.setTokenMeta(meta);
    backend.setStatus(status);
  }
}
