package io.mcpctl.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * Statuses written by one release are read by the next and, after a rollback, by the one before: a
 * status without {@code consumers} (today's release) reads as none, and fields a later release adds
 * are ignored by the client the operator uses, as {@code consumers} is by the release before.
 */
class StatusCompatibilityTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void aStatusWrittenBeforeConsumersExistedReadsWithoutThem() {
    SecretBackend backend =
        SERIALIZATION.unmarshal(
            """
            {"apiVersion": "mcpctl.io/v1alpha1", "kind": "SecretBackend",
             "metadata": {"name": "bao", "namespace": "team-a"},
             "spec": {"type": "openbao"},
             "status": {"observedGeneration": 3,
               "tokenMeta": {"lastRotationAt": "2026-12-01T00:00:00Z", "rotatable": true}}}
            """,
            SecretBackend.class);

    assertThat(backend.getStatus().getConsumers()).isNull();
    assertThat(backend.getStatus().getTokenMeta().getLastRotationAt())
        .isEqualTo("2026-12-01T00:00:00Z");
  }

  @Test
  void fieldsALaterReleaseAddsAreIgnored() {
    SecretBackend backend =
        SERIALIZATION.unmarshal(
            """
            {"apiVersion": "mcpctl.io/v1alpha1", "kind": "SecretBackend",
             "metadata": {"name": "bao", "namespace": "team-a"},
             "spec": {"type": "openbao", "openbao": {"auth": {"rotation":
               {"enabled": true, "consumers": {"restart": "Rollout"}, "fromTheFuture": 1}}}},
             "status": {"observedGeneration": 3, "consumers": {"count": 2, "holdingPrevious": 1},
               "fromTheFuture": {"x": 1},
               "tokenMeta": {"lastRotationAt": "2026-12-01T00:00:00Z", "alsoNew": true}}}
            """,
            SecretBackend.class);

    assertThat(backend.getStatus().getObservedGeneration()).isEqualTo(3L);
    assertThat(backend.getStatus().getConsumers()).isEqualTo(new ConsumerStatus(2, 1));
    assertThat(backend.getSpec().getOpenbao().getAuth().getRotation().isEnabled()).isTrue();
  }
}
