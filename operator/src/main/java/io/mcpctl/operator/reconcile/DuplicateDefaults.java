package io.mcpctl.operator.reconcile;

import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.time.Rfc3339;
import java.time.Clock;
import java.time.Duration;
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
      Comparator.comparing(DuplicateDefaults::createdAt)
          .thenComparing(backend -> backend.getMetadata().getName());

  /** Sorts after every time written in the API's form: a backend of unknown age is the youngest. */
  private static final String UNKNOWN = "~";

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
            outcome.status(),
            backend.condition(ReadyReasons.CONDITION_TYPE),
            message,
            backend.getMetadata().getGeneration(),
            clock.instant());
    Duration after =
        outcome.rescheduleAfter().isZero() || outcome.rescheduleAfter().compareTo(recheck) > 0
            ? recheck
            : outcome.rescheduleAfter();
    return new ReconcileOutcome(status, outcome.events(), after, outcome.report());
  }

  /**
   * The creation time as text that sorts as the times do. Whoever may create backends decides how
   * many defaults each reconcile compares, so the API's own form (whole seconds in UTC, {@code
   * 2026-12-05T12:00:00Z}) is compared as it is written; only another form is parsed.
   */
  private static String createdAt(SecretBackend backend) {
    String written = backend.getMetadata().getCreationTimestamp();
    if (written != null
        && written.length() == 20
        && written.charAt(10) == 'T'
        && written.charAt(19) == 'Z') {
      return written;
    }
    return Rfc3339.parse(written)
        .filter(instant -> instant.getEpochSecond() < LAST_FOUR_DIGIT_YEAR)
        .map(Rfc3339::format)
        .orElse(UNKNOWN);
  }

  /** 10000-01-01T00:00:00Z: later times take more than four digits and would sort wrongly. */
  private static final long LAST_FOUR_DIGIT_YEAR = 253_402_300_800L;

  private static boolean isDefault(SecretBackend backend) {
    return backend.getSpec() != null
        && backend.getSpec().isDefaultBackend()
        && backend.getMetadata().getDeletionTimestamp() == null;
  }

  private static boolean sameName(SecretBackend a, SecretBackend b) {
    return a.getMetadata().getName().equals(b.getMetadata().getName());
  }
}
