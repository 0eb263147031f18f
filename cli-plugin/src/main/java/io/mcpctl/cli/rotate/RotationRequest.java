package io.mcpctl.cli.rotate;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A rotate request for one backend: the annotation value to set, which the operator records in
 * {@code handledRotateRequest} once it has acted on it.
 */
record RotationRequest(SecretBackend backend, String value) {

  /**
   * A request for now, in whole seconds. Two requests within one second must still differ, or the
   * second would look handled at once without any rotation.
   */
  static RotationRequest at(SecretBackend backend, Instant now) {
    Instant requested = now.truncatedTo(ChronoUnit.SECONDS);
    Optional<Instant> previous =
        Optional.ofNullable(backend.getMetadata().getAnnotations())
            .flatMap(
                annotations ->
                    Rfc3339.parse(annotations.get(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION)));
    if (previous.isPresent() && !previous.get().isBefore(requested)) {
      requested = previous.get().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }
    return new RotationRequest(backend, Rfc3339.format(requested));
  }

  /** Sets the annotation (a merge patch: nothing else of the backend changes). */
  void send(KubernetesClient client) {
    Map<String, Object> patch =
        Map.of(
            "metadata",
            Map.of("annotations", Map.of(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, value)));
    client
        .resources(SecretBackend.class)
        .inNamespace(backend.getMetadata().getNamespace())
        .withName(backend.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  String annotation() {
    return SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION + "=" + value;
  }

  /**
   * When the token replaced by the last rotation is revoked: the operator rotates no earlier, so a
   * request before it waits.
   */
  Optional<Instant> graceEnd() {
    if (backend.getStatus() == null || backend.getStatus().getTokenMeta() == null) {
      return Optional.empty();
    }
    Optional<Instant> lastSwitch =
        Rfc3339.parse(backend.getStatus().getTokenMeta().getLastRotationAt());
    try {
      Duration grace =
          GoDuration.parse(
              backend.getSpec().getOpenbao().getAuth().getRotation().getRevokeGracePeriod());
      return lastSwitch.map(at -> at.plus(grace));
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }
}
