package io.mcpctl.cli.rotate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A rotate request for one backend: the annotation value to set, which the operator records in
 * {@code handledRotateRequest} once it has acted on it.
 *
 * @param revokePrevious also ask that every previous token be revoked at once (a leak response)
 */
record RotationRequest(SecretBackend backend, String value, boolean revokePrevious) {

  /**
   * A request for now, in whole seconds. Two requests within one second must still differ, or the
   * second would look handled at once without any rotation.
   */
  static RotationRequest at(SecretBackend backend, Instant now, boolean revokePrevious) {
    Instant requested = now.truncatedTo(ChronoUnit.SECONDS);
    Optional<Instant> previous =
        Optional.ofNullable(backend.getMetadata().getAnnotations())
            .flatMap(
                annotations ->
                    Rfc3339.parse(annotations.get(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION)));
    if (previous.isPresent() && !previous.get().isBefore(requested)) {
      requested = previous.get().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }
    return new RotationRequest(backend, Rfc3339.format(requested), revokePrevious);
  }

  /** Sets the annotation (a merge patch: nothing else of the backend changes). */
  void send(KubernetesClient client) {
    Map<String, String> annotations = new java.util.HashMap<>();
    annotations.put(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, value);
    if (revokePrevious) {
      annotations.put(SecretBackend.REVOKE_PREVIOUS_REQUESTED_AT_ANNOTATION, value);
    }
    Map<String, Object> patch = Map.of("metadata", Map.of("annotations", annotations));
    client
        .resources(SecretBackend.class)
        .inNamespace(backend.getMetadata().getNamespace())
        .withName(backend.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  String annotation() {
    return SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION
        + "="
        + value
        + (revokePrevious
            ? ", " + SecretBackend.REVOKE_PREVIOUS_REQUESTED_AT_ANNOTATION + "=" + value
            : "");
  }

  /**
   * What keeps the operator from rotating at once, as its status tells, in its own words (which say
   * until when): every previous-token slot holds a token waiting for its revocation. Nothing with
   * {@code --revoke-previous}, which revokes them first.
   */
  Optional<String> waitsFor() {
    if (revokePrevious || backend.getStatus() == null) {
      return Optional.empty();
    }
    return backend
        .getStatus()
        .condition(ReadyReasons.PREVIOUS_TOKENS_WAITING_CONDITION)
        .filter(condition -> ReadyReasons.ALL_SLOTS_TAKEN.equals(condition.getReason()))
        .map(Condition::getMessage)
        .filter(message -> message != null && !message.isBlank());
  }
}
