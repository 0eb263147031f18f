package io.mcpctl.operator.reconcile;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.rotation.Failure;
import io.mcpctl.operator.rotation.Rotator;
import io.mcpctl.schedule.SpecValidator;
import io.mcpctl.schedule.ValidatedSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finalizer's work: a rotating backend's live tokens are revoked (and its operator-owned Secret
 * removed) before the resource goes. While OpenBao cannot be reached the deletion waits with a
 * Ready condition that says so and how to force it.
 */
public final class BackendDeletion {

  /** Set to "true" to delete a backend without revoking its tokens (OpenBao is gone for good). */
  public static final String SKIP_REVOKE_ANNOTATION = "mcpctl.io/skip-revoke-on-delete";

  private static final Logger LOG = LoggerFactory.getLogger(BackendDeletion.class);
  private static final Duration RETRY = Duration.ofSeconds(30);

  /** Done, or the status to show while waiting and when to try again. */
  public record Result(
      boolean done, Optional<SecretBackendStatus> waitingStatus, Duration retryAfter) {}

  private final Clock clock;
  private final Rotator rotator;
  private final BiFunction<SecretBackend, ValidatedSpec, BackendTarget> targets;
  private final StatusBuilder statuses;

  public BackendDeletion(
      Clock clock,
      Rotator rotator,
      BiFunction<SecretBackend, ValidatedSpec, BackendTarget> targets,
      TokenHealthEvaluator evaluator) {
    this.clock = clock;
    this.rotator = rotator;
    this.targets = targets;
    this.statuses = new StatusBuilder(evaluator);
  }

  public Result delete(SecretBackend backend) {
    String key = backend.getMetadata().getNamespace() + "/" + backend.getMetadata().getName();
    Optional<ValidatedSpec> spec = SpecValidator.validate(backend.getSpec()).spec();
    if (spec.isEmpty() || !spec.get().isRotatable()) {
      return new Result(true, Optional.empty(), Duration.ZERO);
    }
    Map<String, String> annotations = backend.getMetadata().getAnnotations();
    if (annotations != null && "true".equalsIgnoreCase(annotations.get(SKIP_REVOKE_ANNOTATION))) {
      LOG.warn(
          "Deleting {} without revoking its tokens, as {} asks; they expire after their period.",
          key,
          SKIP_REVOKE_ANNOTATION);
      return new Result(true, Optional.empty(), Duration.ZERO);
    }
    Optional<Failure> failure;
    try {
      failure = rotator.revokeAll(targets.apply(backend, spec.get()));
    } catch (IllegalArgumentException unusable) {
      failure =
          Optional.of(
              Failure.of(
                  io.mcpctl.operator.rotation.FailureKind.UNREACHABLE, unusable.getMessage()));
    }
    if (failure.isEmpty()) {
      LOG.info("Revoked the tokens of {} before its deletion.", key);
      return new Result(true, Optional.empty(), Duration.ZERO);
    }
    String message =
        "Deletion waits until the tokens are revoked: "
            + failure.get().message()
            + " To delete without revoking, set the annotation "
            + SKIP_REVOKE_ANNOTATION
            + "=true.";
    return new Result(
        false, Optional.of(statuses.deleting(backend, message, clock.instant())), RETRY);
  }
}
