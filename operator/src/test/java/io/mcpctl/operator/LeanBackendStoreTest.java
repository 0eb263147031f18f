package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.operator.reconcile.BackendDeletion;
import io.mcpctl.operator.testing.KubernetesFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeanBackendStoreTest {

  @Test
  void theInformerKeepsOnlyWhatTheOperatorReadsOfABackend() {
    SecretBackend backend =
        KubernetesFixture.openbaoBackend(
            "team-a", "bao", "https://bao.example:8200", "secret", "mcpctl");
    backend.getMetadata().setUid("uid-1");
    backend.getMetadata().setResourceVersion("42");
    backend.getMetadata().setGeneration(3L);
    backend
        .getMetadata()
        .setFinalizers(List.of("other.example/keep", SecretBackendReconciler.FINALIZER));
    backend.getMetadata().setManagedFields(List.of(new ManagedFieldsEntry()));
    backend.getMetadata().setLabels(Map.of("app", "x".repeat(63)));
    backend.getMetadata().setOwnerReferences(List.of(new OwnerReference()));
    Map<String, String> annotations = new HashMap<>();
    annotations.put("kubectl.kubernetes.io/last-applied-configuration", "x".repeat(200_000));
    annotations.put(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, "2026-12-06T21:00:00Z");
    annotations.put(SecretBackend.REVOKE_PREVIOUS_REQUESTED_AT_ANNOTATION, "2026-12-06T21:00:00Z");
    annotations.put(
        BackendDeletion.SKIP_REVOKE_ANNOTATION,
        "x".repeat(LeanBackendStore.MAX_ANNOTATION_CHARS + 1));
    backend.getMetadata().setAnnotations(annotations);
    LeanBackendStore store = new LeanBackendStore(removed -> {});

    store.put(Cache.metaNamespaceKeyFunc(backend), backend);

    SecretBackend kept = store.get("team-a/bao");
    assertThat(kept.getMetadata().getAnnotations())
        .as("the requests the operator acts on; an over-long value is no request")
        .containsOnlyKeys(
            SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION,
            SecretBackend.REVOKE_PREVIOUS_REQUESTED_AT_ANNOTATION);
    assertThat(kept.getMetadata().getLabels()).isNull();
    assertThat(kept.getMetadata().getManagedFields()).isNull();
    assertThat(kept.getMetadata().getOwnerReferences()).isNull();
    assertThat(kept.getMetadata().getFinalizers())
        .as("whole: JOSDK removes its finalizer by its index")
        .containsExactly("other.example/keep", SecretBackendReconciler.FINALIZER);
    assertThat(kept.getMetadata().getUid()).isEqualTo("uid-1");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(kept.getMetadata().getGeneration()).isEqualTo(3L);
    assertThat(kept.getSpec()).isEqualTo(backend.getSpec());
    assertThat(kept)
        .as("trimmed in place: the update event's new copy is the one kept")
        .isSameAs(backend);
  }

  @Test
  void anEditOfWhatIsDroppedStillReachesTheReconcilerAndAStatusWriteDoesNot() {
    LeanBackendStore store = new LeanBackendStore(removed -> {});
    StatusOnlyUpdateFilter filter = new StatusOnlyUpdateFilter(store::droppedMetadataChanged);
    SecretBackend before = withMetadata("1", Map.of("example.com/poke", "1"), Map.of("team", "a"));
    store.put("team-a/bao", before);

    SecretBackend poked = withMetadata("2", Map.of("example.com/poke", "2"), Map.of("team", "a"));
    store.put("team-a/bao", poked);
    assertThat(filter.accept(poked, before)).as("an annotation edited").isTrue();

    SecretBackend relabelled =
        withMetadata("3", Map.of("example.com/poke", "2"), Map.of("team", "b"));
    store.put("team-a/bao", relabelled);
    assertThat(filter.accept(relabelled, poked)).as("a label edited").isTrue();

    SecretBackend statusWritten =
        withMetadata("4", Map.of("example.com/poke", "2"), Map.of("team", "b"));
    store.put("team-a/bao", statusWritten);
    assertThat(filter.accept(statusWritten, relabelled)).as("nothing but the status").isFalse();
    assertThat(statusWritten.getMetadata().getAnnotations())
        .as("the copy gains nothing the server lacks: JOSDK's patches are diffs against it")
        .isNull();
  }

  private static SecretBackend withMetadata(
      String resourceVersion, Map<String, String> annotations, Map<String, String> labels) {
    SecretBackend backend =
        KubernetesFixture.openbaoBackend(
            "team-a", "bao", "https://bao.example:8200", "secret", "mcpctl");
    backend.getMetadata().setResourceVersion(resourceVersion);
    backend.getMetadata().setAnnotations(new HashMap<>(annotations));
    backend.getMetadata().setLabels(new HashMap<>(labels));
    return backend;
  }

  @Test
  void aBackendTheInformerDropsIsForgotten() {
    List<String> forgotten = new ArrayList<>();
    LeanBackendStore store =
        new LeanBackendStore(removed -> forgotten.add(Cache.metaNamespaceKeyFunc(removed)));
    SecretBackend backend =
        KubernetesFixture.openbaoBackend(
            "team-a", "bao", "https://bao.example:8200", "secret", "mcpctl");
    store.put("team-a/bao", backend);

    store.remove("team-a/other");
    store.remove("team-a/bao");

    assertThat(forgotten).containsExactly("team-a/bao");
  }

  @Test
  void aBackendCarryingMoreFinalizersThanAnyControllerAddsIsNotKeptUntilItCarriesFewer() {
    List<String> forgotten = new ArrayList<>();
    LeanBackendStore store =
        new LeanBackendStore(removed -> forgotten.add(Cache.metaNamespaceKeyFunc(removed)));
    store.put("team-a/bao", withFinalizers(List.of(SecretBackendReconciler.FINALIZER)));

    List<String> stuffed = new ArrayList<>(List.of(SecretBackendReconciler.FINALIZER));
    for (int i = 0; i < LeanBackendStore.MAX_FINALIZERS; i++) {
      stuffed.add("example.com/f" + i);
    }
    store.put("team-a/bao", withFinalizers(stuffed));
    assertThat(store.get("team-a/bao")).as("too many").isNull();
    assertThat(forgotten).as("what was kept for it goes too").containsExactly("team-a/bao");

    store.put(
        "team-a/bao",
        withFinalizers(
            List.of(
                SecretBackendReconciler.FINALIZER,
                "example.com/" + "f".repeat(LeanBackendStore.MAX_FINALIZER_CHARS))));
    assertThat(store.get("team-a/bao")).as("too long").isNull();

    store.put("team-a/bao", withFinalizers(List.of(SecretBackendReconciler.FINALIZER, "a.io/b")));
    assertThat(store.get("team-a/bao").getMetadata().getFinalizers())
        .containsExactly(SecretBackendReconciler.FINALIZER, "a.io/b");
  }

  private static SecretBackend withFinalizers(List<String> finalizers) {
    SecretBackend backend =
        KubernetesFixture.openbaoBackend(
            "team-a", "bao", "https://bao.example:8200", "secret", "mcpctl");
    backend.getMetadata().setFinalizers(new ArrayList<>(finalizers));
    return backend;
  }

  @Test
  void theReconcilersInformerListsInSmallPages() {
    var informer =
        SecretBackendReconciler.class.getAnnotation(ControllerConfiguration.class).informer();

    assertThat(informer.informerListLimit()).isEqualTo(SecretBackendReconciler.LIST_PAGE);
  }
}
