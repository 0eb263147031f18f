package io.mcpctl.operator.reconcile;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.time.Rfc3339;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * At most one default SecretBackend per namespace, which the API cannot check across objects: when
 * several say {@code default: true}, the oldest stays the default and every other one is
 * Ready=False with reason DuplicateDefault, rechecked soon so that it recovers once the others are
 * gone. Its token is still kept alive.
 */
final class DuplicateDefaults {

  private static final Comparator<SecretBackend> OLDEST_FIRST =
      Comparator.comparing(
              (SecretBackend backend) ->
                  Rfc3339.parse(backend.getMetadata().getCreationTimestamp()).orElse(Instant.MAX))
          .thenComparing(backend -> backend.getMetadata().getName());

  private final Clock clock;
  private final Duration recheck;

  DuplicateDefaults(Clock clock, Duration recheck) {
    this.clock = clock;
    this.recheck = recheck;
  }

  /**
   * @param sameNamespace the namespace's SecretBackends as the operator's cache holds them; asked
   *     for only when {@code backend} is a default, since listing thousands of backends in every
   *     reconcile made catching up quadratic in their number
   */
  ReconcileOutcome apply(
      SecretBackend backend,
      ReconcileOutcome outcome,
      Supplier<? extends Collection<SecretBackend>> sameNamespace) {
    if (!isDefault(backend)) {
      return outcome;
    }
    List<SecretBackend> defaults =
        sameNamespace.get().stream()
            .filter(DuplicateDefaults::isDefault)
            .filter(other -> !sameName(other, backend))
            .toList();
    Optional<SecretBackend> older =
        defaults.stream()
            .filter(other -> OLDEST_FIRST.compare(other, backend) < 0)
            .min(OLDEST_FIRST);
    if (older.isEmpty()) {
      return outcome;
    }
    String message =
        "Namespace "
            + backend.getMetadata().getNamespace()
            + " has "
            + (defaults.size() + 1)
            + " default SecretBackends; "
            + older.get().getMetadata().getName()
            + " is older and stays the default, so secret commands refuse to guess; set"
            + " spec.default: false on this one (or on the others).";
    SecretBackendStatus status =
        StatusBuilder.overruledDefault(
            outcome.status(), message, backend.getMetadata().getGeneration(), clock.instant());
    Duration after =
        outcome.rescheduleAfter().isZero() || outcome.rescheduleAfter().compareTo(recheck) > 0
            ? recheck
            : outcome.rescheduleAfter();
    return new ReconcileOutcome(status, outcome.events(), after, outcome.report());
  }

  private static boolean isDefault(SecretBackend backend) {
    return backend.getSpec() != null
        && backend.getSpec().isDefaultBackend()
        && backend.getMetadata().getDeletionTimestamp() == null;
  }

  private static boolean sameName(SecretBackend a, SecretBackend b) {
    return a.getMetadata().getName().equals(b.getMetadata().getName());
  }
}
