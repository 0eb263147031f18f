package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.mcpctl.api.v1alpha1.CommandHints;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.rotation.Failure;
import io.mcpctl.operator.rotation.FailureKind;
import io.mcpctl.operator.rotation.FinalRevocation;
import io.mcpctl.spec.SpecValidator;
import io.mcpctl.spec.ValidatedSpec;
import io.mcpctl.text.Sentences;
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

  /**
   * Done, or the status to show while waiting and when to try again.
   *
   * @param notRevoked why tokens were left alive, when they were (a Warning event)
   */
  public record Result(
      boolean done,
      Optional<SecretBackendStatus> waitingStatus,
      Duration retryAfter,
      Optional<String> notRevoked) {

    static Result finished() {
      return new Result(true, Optional.empty(), Duration.ZERO, Optional.empty());
    }

    static Result doneWithout(String whyNotRevoked) {
      return new Result(true, Optional.empty(), Duration.ZERO, Optional.of(whyNotRevoked));
    }
  }

  private final Clock clock;
  private final FinalRevocation revocation;
  private final BiFunction<SecretBackend, ValidatedSpec, BackendTarget> targets;
  private final StatusBuilder statuses;
  private final NamespaceShare namespaces;

  /**
   * @param namespaces the places of each namespace's reconciles, shared with {@link
   *     BackendReconciliation}: a deletion waits on the namespace's OpenBao as a check does
   */
  public BackendDeletion(
      Clock clock,
      FinalRevocation revocation,
      BiFunction<SecretBackend, ValidatedSpec, BackendTarget> targets,
      TokenHealthEvaluator evaluator,
      NamespaceShare namespaces) {
    this.clock = clock;
    this.namespaces = namespaces;
    this.revocation = revocation;
    this.targets = targets;
    this.statuses = new StatusBuilder(evaluator);
  }

  public Result delete(SecretBackend backend) {
    String key = Cache.metaNamespaceKeyFunc(backend);
    SpecValidator.Result validation = SpecValidator.validate(backend.getSpec());
    if (validation.spec().isEmpty()) {
      // Where the tokens live cannot be known from an invalid spec: deletion never waits on it.
      return Result.doneWithout(
          "The spec is invalid ("
              + Sentences.withoutFinalPeriod(validation.problem().orElseThrow())
              + "), so no token was revoked; tokens it held expire after their period unless"
              + " revoked by hand; "
              + CommandHints.findOrphans(
                  backend.getMetadata().getNamespace(), backend.getMetadata().getName())
              + " lists them.");
    }
    Optional<ValidatedSpec> spec = validation.spec();
    if (!spec.get().isRotatable()) {
      return Result.finished();
    }
    Map<String, String> annotations = backend.getMetadata().getAnnotations();
    if (annotations != null && "true".equalsIgnoreCase(annotations.get(SKIP_REVOKE_ANNOTATION))) {
      LOG.warn(
          "Deleting {} without revoking its tokens, as {} asks; they expire after their period.",
          key,
          SKIP_REVOKE_ANNOTATION);
      return Result.finished();
    }
    Optional<NamespaceShare.Entered> entered =
        namespaces.tryEnter(backend.getMetadata().getNamespace());
    if (entered.isEmpty()) {
      return new Result(false, Optional.empty(), RETRY, Optional.empty());
    }
    try (NamespaceShare.Entered held = entered.get()) {
      return revokeAndDelete(backend, spec.get(), key);
    }
  }

  private Result revokeAndDelete(SecretBackend backend, ValidatedSpec spec, String key) {
    BackendTarget target;
    try {
      // Only the target's making is caught: its refusals name the CA Secret or the address,
      // while an IllegalArgumentException from deeper down may quote whatever it was given.
      target = targets.apply(backend, spec);
    } catch (IllegalArgumentException unusableCa) {
      // The CA Secret is gone or holds no certificate (a namespace being deleted removes it
      // first): without it OpenBao cannot be trusted, and waiting would hold the namespace.
      return Result.doneWithout(
          "OpenBao could not be reached safely ("
              + Sentences.withoutFinalPeriod(unusableCa.getMessage())
              + "), so no token was revoked; they expire after their period unless revoked by"
              + " hand; "
              + CommandHints.findOrphans(
                  backend.getMetadata().getNamespace(), backend.getMetadata().getName())
              + " lists them.");
    }
    Optional<Failure> failure = revocation.revokeAll(target);
    if (failure.isEmpty()) {
      LOG.info("Revoked the tokens of {} before its deletion.", key);
      return Result.finished();
    }
    if (failure.get().kind() == FailureKind.SECRET_NOT_BOUND) {
      return Result.doneWithout(
          "The token Secret was neither revoked nor deleted: " + failure.get().message());
    }
    if (failure.get().kind() == FailureKind.SECRET_MISSING) {
      return Result.doneWithout(
          Sentences.withoutFinalPeriod(failure.get().message())
              + "; they expire after their period unless revoked by hand; "
              + CommandHints.findOrphans(
                  backend.getMetadata().getNamespace(), backend.getMetadata().getName())
              + " lists them.");
    }
    String message =
        "Deletion waits until the tokens are revoked: "
            + failure.get().message()
            + " To delete without revoking, set the annotation "
            + SKIP_REVOKE_ANNOTATION
            + "=true.";
    return new Result(
        false,
        Optional.of(statuses.deleting(backend, message, clock.instant())),
        RETRY,
        Optional.empty());
  }
}
