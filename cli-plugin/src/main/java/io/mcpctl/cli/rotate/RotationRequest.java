package io.mcpctl.cli.rotate;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.spec.SpecValidator;
import io.mcpctl.spec.ValidatedSpec;
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
 *
 * @param revokePrevious also ask that every previous token be revoked at once (a leak response)
 */
record RotationRequest(SecretBackend backend, String value, boolean revokePrevious) {

  /** What the operator waits for before it rotates, and until when at the latest. */
  record Wait(String what, Instant until) {}

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
   * What keeps the operator from rotating at once, as the status tells: the previous token's grace
   * period, then the pods still holding it (up to {@code consumers.maxRevokeDelay}). Nothing with
   * {@code --revoke-previous}, which waits for neither.
   */
  Optional<Wait> waitsFor(Instant now) {
    if (revokePrevious) {
      return Optional.empty();
    }
    Optional<Wait> grace =
        graceEnd()
            .filter(end -> end.isAfter(now))
            .map(end -> new Wait("the previous token's grace period", end));
    Optional<Wait> hold =
        holdDeadline()
            .filter(end -> end.isAfter(now))
            .filter(end -> grace.map(g -> end.isAfter(g.until())).orElse(true))
            .map(
                end ->
                    new Wait(
                        holders()
                            + " that still hold the previous token to restart (at the latest,"
                            + " consumers.maxRevokeDelay)",
                        end));
    return hold.or(() -> grace);
  }

  private String holders() {
    int count = backend.getStatus().getConsumers().getHoldingPrevious();
    return count == 1 ? "1 pod" : count + " pods";
  }

  /** When pods holding the previous token stop keeping it, if the status says some do. */
  private Optional<Instant> holdDeadline() {
    SecretBackendStatus status = backend.getStatus();
    if (status == null
        || status.getConsumers() == null
        || status.getConsumers().getHoldingPrevious() == null
        || status.getConsumers().getHoldingPrevious() == 0
        || status.getTokenMeta() == null) {
      return Optional.empty();
    }
    // The operator's own reading of the spec: its default delay is capped by the interval.
    return SpecValidator.validate(backend.getSpec())
        .spec()
        .flatMap(ValidatedSpec::rotation)
        .flatMap(
            rotation ->
                Rfc3339.parse(status.getTokenMeta().getLastRotationAt())
                    .map(at -> at.plus(rotation.consumers().maxRevokeDelay())));
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
