package io.mcpctl.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.operator.rotation.Failure;
import io.mcpctl.operator.rotation.FailureKind;
import io.mcpctl.operator.rotation.ReconcileReport;
import io.mcpctl.operator.rotation.TokenFacts;
import io.mcpctl.schedule.ReconcilePlanner;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a backend's status afresh from the previous one and what this reconcile learned; the
 * reconciler writes it only when it differs. Nothing here can hold a token: the report carries
 * none.
 */
final class StatusBuilder {

  private final TokenHealthEvaluator evaluator;

  StatusBuilder(TokenHealthEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  /** What this reconcile decided beyond the report. */
  record Decisions(
      boolean rotatable,
      Optional<String> handledRotateRequest,
      Optional<Instant> retryAt,
      TokenSecretState secretState) {}

  SecretBackendStatus kubernetes(SecretBackend backend, Instant now) {
    SecretBackendStatus status = fresh(backend);
    status.setConditions(
        ReadyCondition.replace(
            conditions(backend),
            true,
            ReadyReasons.KUBERNETES_STORE,
            "MCP secrets are kept as Kubernetes Secrets; there is no token to check.",
            generation(backend),
            now));
    return status;
  }

  SecretBackendStatus invalidSpec(SecretBackend backend, String problem, Instant now) {
    return notReady(backend, ReadyReasons.INVALID_SPEC, problem, now);
  }

  SecretBackendStatus deleting(SecretBackend backend, String message, Instant now) {
    return notReady(backend, ReadyReasons.DELETING, message, now);
  }

  /** Ready=False, reason ReconcileError: the reconcile failed in a way nobody expected. */
  SecretBackendStatus reconcileError(SecretBackend backend, String message, Instant now) {
    return notReady(backend, ReadyReasons.RECONCILE_ERROR, message, now);
  }

  /**
   * {@code status} with Ready=False for a default that an older default overrules.
   *
   * @param readyBefore the Ready condition the backend carries: a backend overruled already keeps
   *     its transition time, although the check that came before the overruling found the token
   *     working (or every recheck would be a status write)
   */
  static SecretBackendStatus overruledDefault(
      SecretBackendStatus status,
      Optional<Condition> readyBefore,
      String message,
      Long generation,
      Instant now) {
    SecretBackendStatus overruled = new SecretBackendStatus();
    overruled.setObservedGeneration(status.getObservedGeneration());
    overruled.setTokenMeta(status.getTokenMeta());
    List<Condition> conditions =
        readyBefore
            .map(
                before -> {
                  List<Condition> withBefore =
                      ReadyCondition.without(status.getConditions(), ReadyReasons.CONDITION_TYPE);
                  withBefore.add(0, before);
                  return withBefore;
                })
            .orElse(status.getConditions());
    overruled.setConditions(
        ReadyCondition.replace(
            conditions, false, ReadyReasons.DUPLICATE_DEFAULT, message, generation, now));
    return overruled;
  }

  /** Ready=False for {@code reason}, keeping the token facts already known. */
  private static SecretBackendStatus notReady(
      SecretBackend backend, String reason, String message, Instant now) {
    SecretBackendStatus status = fresh(backend);
    status.setTokenMeta(
        TokenMeta.copyOf(backend.getStatus() == null ? null : backend.getStatus().getTokenMeta()));
    status.setConditions(
        ReadyCondition.replace(
            conditions(backend), false, reason, message, generation(backend), now));
    return status;
  }

  SecretBackendStatus openbao(
      SecretBackend backend, ReconcileReport report, Decisions decisions, Instant now) {
    TokenMeta meta =
        TokenMeta.copyOf(backend.getStatus() == null ? null : backend.getStatus().getTokenMeta());
    meta.setRotatable(decisions.rotatable());
    report.currentToken().ifPresent(facts -> applyFacts(meta, facts, decisions.rotatable()));
    report.checkedAt().ifPresent(at -> meta.setLastCheckedAt(Rfc3339.format(at)));
    if (decisions.rotatable()) {
      applyRotation(meta, report, decisions, now);
    } else {
      clearRotation(meta);
    }
    decisions.handledRotateRequest().ifPresent(meta::setHandledRotateRequest);

    SecretBackendStatus status = fresh(backend);
    status.setTokenMeta(meta);
    status.setConditions(
        PeriodCap.conditions(
            PolicyBreadth.conditions(
                ready(backend, meta, report, decisions.rotatable(), now),
                report,
                generation(backend),
                now),
            decisions.rotatable(),
            meta.getPeriod(),
            generation(backend),
            now));
    SecretBackend evaluated = new SecretBackend();
    evaluated.setMetadata(backend.getMetadata());
    evaluated.setSpec(backend.getSpec());
    evaluated.setStatus(status);
    meta.setHealth(evaluator.evaluate(evaluated, now).orElse(null));
    return status;
  }

  private static void applyFacts(TokenMeta meta, TokenFacts facts, boolean rotatable) {
    facts.generatedAt().ifPresent(at -> meta.setGeneratedAt(Rfc3339.format(at)));
    meta.setExpiresAt(facts.expiresAt().map(Rfc3339::format).orElse(null));
    meta.setRenewable(facts.renewable());
    facts.period().ifPresent(period -> meta.setPeriod(GoDuration.format(period)));
    if (!rotatable && facts.period().isEmpty()) {
      meta.setPeriod(null);
    }
    meta.setPolicies(facts.policies().isEmpty() ? null : new ArrayList<>(facts.policies()));
  }

  private static void applyRotation(
      TokenMeta meta, ReconcileReport report, Decisions decisions, Instant now) {
    TokenSecretState secret = decisions.secretState();
    if (ReconcilePlanner.secretRecordIsNewer(meta, secret)) {
      // A switch whose own status was never written (the process died, or the write failed):
      // it ended the failures recorded before it, as its status would have said.
      Instant switchedAt = secret.rotatedAt().get();
      meta.setLastRotationAt(Rfc3339.format(switchedAt));
      secret.nextRotationAt().ifPresent(next -> meta.setNextRotationAt(Rfc3339.format(next)));
      if (Rfc3339.parse(meta.getLastRotationErrorAt()).filter(switchedAt::isBefore).isEmpty()) {
        meta.setLastRotationError(null);
        meta.setLastRotationErrorAt(null);
        meta.setConsecutiveFailures(0);
      }
    }
    report
        .rotated()
        .ifPresent(
            record -> {
              meta.setLastRotationAt(Rfc3339.format(record.switchedAt()));
              meta.setNextRotationAt(Rfc3339.format(record.nextRotationAt()));
              meta.setLastRotationError(null);
              meta.setLastRotationErrorAt(null);
              meta.setConsecutiveFailures(0);
            });
    report
        .rotationFailure()
        .ifPresent(
            failure -> {
              meta.setLastRotationError(failure.message());
              meta.setLastRotationErrorAt(Rfc3339.format(now));
              meta.setConsecutiveFailures(failures(meta) + 1);
              decisions.retryAt().ifPresent(at -> meta.setNextRotationAt(Rfc3339.format(at)));
            });
    if (meta.getConsecutiveFailures() == null) {
      meta.setConsecutiveFailures(0);
    }
  }

  private static void clearRotation(TokenMeta meta) {
    meta.setNextRotationAt(null);
    meta.setLastRotationError(null);
    meta.setLastRotationErrorAt(null);
    meta.setConsecutiveFailures(null);
  }

  private static List<Condition> ready(
      SecretBackend backend,
      TokenMeta meta,
      ReconcileReport report,
      boolean rotatable,
      Instant now) {
    Long generation = generation(backend);
    List<Condition> conditions = conditions(backend);
    Optional<Failure> problem = report.tokenProblem();
    if (problem.isPresent()) {
      return ReadyCondition.replace(
          conditions,
          false,
          reasonOf(problem.get().kind()),
          problem.get().message(),
          generation,
          now);
    }
    boolean failing = failures(meta) > 0;
    if (report.openBaoAnswered() || report.rotationFailure().isPresent()) {
      if (rotatable && failing) {
        // "Works" only when OpenBao accepted the token in this very reconcile.
        return ReadyCondition.replace(
            conditions,
            true,
            ReadyReasons.ROTATION_FAILED,
            (report.openBaoAnswered()
                    ? "The token works but rotation keeps failing ("
                    : "Rotation keeps failing (")
                + failures(meta)
                + " in a row): "
                + meta.getLastRotationError(),
            generation,
            now);
      }
      if (report.openBaoAnswered()) {
        return tokenValid(conditions, rotatable, generation, now);
      }
    }
    if (!ReadyCondition.saysWhatACheckFound(backend)) {
      return tokenValid(conditions, rotatable, generation, now);
    }
    Condition kept = backend.condition(ReadyReasons.CONDITION_TYPE).orElseThrow();
    return ReadyCondition.replace(
        conditions,
        "True".equals(kept.getStatus()),
        kept.getReason(),
        kept.getMessage(),
        generation,
        now);
  }

  private static List<Condition> tokenValid(
      List<Condition> conditions, boolean rotatable, Long generation, Instant now) {
    return ReadyCondition.replace(
        conditions,
        true,
        ReadyReasons.TOKEN_VALID,
        rotatable
            ? "The token works and is rotated on schedule."
            : "The static token works; it is checked but never rotated.",
        generation,
        now);
  }

  private static String reasonOf(FailureKind kind) {
    return switch (kind) {
      case SEALED -> ReadyReasons.SEALED;
      case STANDBY -> ReadyReasons.STANDBY;
      case UNREACHABLE -> ReadyReasons.UNREACHABLE;
      case TOKEN_REJECTED -> ReadyReasons.TOKEN_REJECTED;
      case SECRET_MISSING -> ReadyReasons.SECRET_MISSING;
      case SECRET_INVALID -> ReadyReasons.SECRET_INVALID;
      case SECRET_NOT_BOUND -> ReadyReasons.SECRET_NOT_BOUND;
      case KV_ACCESS_DENIED -> ReadyReasons.KV_ACCESS_DENIED;
      case ROTATION_ERROR -> ReadyReasons.ROTATION_FAILED;
    };
  }

  private static int failures(TokenMeta meta) {
    return meta.getConsecutiveFailures() == null ? 0 : meta.getConsecutiveFailures();
  }

  private static SecretBackendStatus fresh(SecretBackend backend) {
    SecretBackendStatus status = new SecretBackendStatus();
    status.setObservedGeneration(generation(backend));
    return status;
  }

  private static List<Condition> conditions(SecretBackend backend) {
    return backend.getStatus() == null || backend.getStatus().getConditions() == null
        ? List.of()
        : backend.getStatus().getConditions();
  }

  private static Long generation(SecretBackend backend) {
    return backend.getMetadata().getGeneration();
  }
}
