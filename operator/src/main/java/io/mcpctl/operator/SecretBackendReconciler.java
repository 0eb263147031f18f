package io.mcpctl.operator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.operator.reconcile.BackendDeletion;
import io.mcpctl.operator.reconcile.BackendReconciliation;
import io.mcpctl.operator.reconcile.EventSink;
import io.mcpctl.operator.reconcile.InvalidSpecException;
import io.mcpctl.operator.reconcile.ReconcileOutcome;
import io.mcpctl.operator.rotation.ReconcileReport;
import io.mcpctl.operator.runtime.FailureTrace;
import io.mcpctl.operator.runtime.OperatorMetrics;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK side of a SecretBackend: hands the resource to {@link BackendReconciliation}, emits its
 * events, writes the status only when it changed, and reschedules for the next thing due. Deletion
 * goes through {@link BackendDeletion} behind the finalizer.
 */
@ControllerConfiguration(
    name = SecretBackendReconciler.NAME,
    finalizerName = SecretBackendReconciler.FINALIZER,
    // The rotate annotation changes no generation, so every event but a status-only change must
    // reach the reconciler; reconciles with nothing due are cheap (no OpenBao call, no write).
    generationAwareEventProcessing = false,
    informer =
        @Informer(
            onUpdateFilter = StatusOnlyUpdateFilter.class,
            // Pages of a few backends: one namespace decides how large each of its backends is
            // (up to 1.5 MB), and a page is read whole before it is trimmed.
            informerListLimit = SecretBackendReconciler.LIST_PAGE))
public class SecretBackendReconciler implements Reconciler<SecretBackend>, Cleaner<SecretBackend> {

  public static final String NAME = "secretbackend";
  public static final String FINALIZER = "mcpctl.io/revoke-tokens";

  /** Backends per page of the informer's lists: 30 MB at most when each is as large as allowed. */
  static final long LIST_PAGE = 20;

  private static final Logger LOG = LoggerFactory.getLogger(SecretBackendReconciler.class);

  private final BackendReconciliation reconciliation;
  private final BackendDeletion deletion;
  private final EventSink events;
  private final OperatorMetrics metrics;
  private final Duration unexpectedRetry;
  private final EventSource<?, SecretBackend> slotFreed;
  private final BooleanSupplier leads;

  /**
   * @param unexpectedRetry how soon a reconcile that failed unexpectedly is tried again
   * @param slotFreed the events that wake a backend waiting for a rotation slot
   * @param leads whether this replica may act on backends: JOSDK may still hand it backends after
   *     it lost the lead (while its controllers start or stop), and those are another replica's
   */
  public SecretBackendReconciler(
      BackendReconciliation reconciliation,
      BackendDeletion deletion,
      EventSink events,
      OperatorMetrics metrics,
      Duration unexpectedRetry,
      EventSource<?, SecretBackend> slotFreed,
      BooleanSupplier leads) {
    this.reconciliation = reconciliation;
    this.deletion = deletion;
    this.events = events;
    this.metrics = metrics;
    this.unexpectedRetry = unexpectedRetry;
    this.slotFreed = slotFreed;
    this.leads = leads;
  }

  /** A backend waiting for a rotation slot is reconciled when one frees. */
  @Override
  public List<EventSource<?, SecretBackend>> prepareEventSources(
      EventSourceContext<SecretBackend> context) {
    return List.of(slotFreed);
  }

  @Override
  public UpdateControl<SecretBackend> reconcile(
      SecretBackend backend, Context<SecretBackend> context) throws InvalidSpecException {
    if (!leads.getAsBoolean()) {
      return UpdateControl.noUpdate();
    }
    long started = System.nanoTime();
    String outcome = "error";
    try {
      ReconcileOutcome result;
      try {
        result =
            reconciliation.reconcile(
                backend,
                () ->
                    context.getPrimaryCache().list(backend.getMetadata().getNamespace()).toList());
      } catch (InvalidSpecException invalid) {
        outcome = "invalid";
        throw invalid;
      } catch (RuntimeException unexpected) {
        // Whatever went wrong, the backend ends with a written status and a scheduled retry,
        // instead of JOSDK's retries running out with nothing shown.
        return failedUnexpectedly(backend, unexpected, context);
      }
      record(backend, result);
      if (Objects.equals(result.status(), backend.getStatus())) {
        outcome = result.report().events().isEmpty() ? "idle" : "acted";
      } else {
        StatusWriter.write(backend, result.status(), context);
        outcome = "updated";
      }
      UpdateControl<SecretBackend> control = UpdateControl.noUpdate();
      if (!result.rescheduleAfter().isZero()) {
        control.rescheduleAfter(result.rescheduleAfter());
      }
      return control;
    } finally {
      metrics.reconciled(outcome, Duration.ofNanos(System.nanoTime() - started));
      forgetIfDeletedMeanwhile(backend, context);
    }
  }

  /**
   * A backend deleted while it was reconciled (its finalizer removed first) was forgotten when the
   * informer dropped it, and then recorded again by this reconcile: forgotten once more.
   */
  private void forgetIfDeletedMeanwhile(SecretBackend backend, Context<SecretBackend> context) {
    if (context.getPrimaryCache().get(ResourceID.fromResource(backend)).isEmpty()) {
      forget(backend);
    }
  }

  private UpdateControl<SecretBackend> failedUnexpectedly(
      SecretBackend backend, RuntimeException unexpected, Context<SecretBackend> context) {
    LOG.warn(
        "Reconciling {} failed unexpectedly and is retried in {}: {}",
        key(backend),
        GoDuration.format(unexpectedRetry),
        FailureTrace.of(unexpected));
    SecretBackendStatus status =
        reconciliation.unexpectedFailureStatus(
            backend,
            "The operator failed unexpectedly ("
                + FailureTrace.sentence(unexpected)
                + ") and retries in "
                + GoDuration.format(unexpectedRetry)
                + "; its log has where it failed.");
    if (!Objects.equals(status, backend.getStatus())) {
      StatusWriter.write(backend, status, context);
    }
    return UpdateControl.<SecretBackend>noUpdate().rescheduleAfter(unexpectedRetry);
  }

  @Override
  public ErrorStatusUpdateControl<SecretBackend> updateErrorStatus(
      SecretBackend backend, Context<SecretBackend> context, Exception failure) {
    if (failure instanceof InvalidSpecException invalid) {
      SecretBackendStatus status = reconciliation.invalidSpecStatus(backend, invalid.getMessage());
      if (Objects.equals(status, backend.getStatus())) {
        return ErrorStatusUpdateControl.<SecretBackend>noStatusUpdate().withNoRetry();
      }
      events.emit(backend, "Warning", "InvalidSpec", invalid.getMessage());
      LOG.warn("{}: {}", key(backend), invalid.getMessage());
      StatusWriter.write(backend, status, context);
      return ErrorStatusUpdateControl.<SecretBackend>noStatusUpdate().withNoRetry();
    }
    LOG.warn("Reconciling {} failed and is retried: {}", key(backend), failure.getMessage());
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  /**
   * Drops what the operator keeps for a backend: at the end of its deletion, and again when the
   * informer drops it (also when it was deleted without the finalizer).
   */
  public void forget(SecretBackend backend) {
    metrics.forget(backend.getMetadata().getNamespace(), backend.getMetadata().getName());
    reconciliation.forget(backend);
  }

  @Override
  public DeleteControl cleanup(SecretBackend backend, Context<SecretBackend> context) {
    if (!leads.getAsBoolean()) {
      return DeleteControl.noFinalizerRemoval();
    }
    BackendDeletion.Result result;
    try {
      result = deletion.delete(backend);
    } catch (RuntimeException unexpected) {
      LOG.warn(
          "Deleting {} failed unexpectedly and is retried in {}: {}",
          key(backend),
          GoDuration.format(unexpectedRetry),
          FailureTrace.of(unexpected));
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(unexpectedRetry.toMillis());
    }
    result
        .notRevoked()
        .ifPresent(
            why -> {
              events.emit(backend, "Warning", "TokensNotRevoked", why);
              LOG.warn("{}: {}", key(backend), why);
            });
    if (result.done()) {
      forget(backend);
      return DeleteControl.defaultDelete();
    }
    result
        .waitingStatus()
        .filter(status -> !Objects.equals(status, backend.getStatus()))
        .ifPresent(
            status -> {
              LOG.warn("{}: {}", key(backend), status.getConditions().get(0).getMessage());
              try {
                StatusWriter.write(backend, status, context);
              } catch (KubernetesClientException unwritten) {
                // The retry below tries again; the log line above already says why it waits.
                LOG.warn(
                    "The status of {} could not be written while its deletion waits: HTTP {}",
                    key(backend),
                    unwritten.getCode());
              }
            });
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(result.retryAfter().toMillis());
  }

  private void record(SecretBackend backend, ReconcileOutcome result) {
    for (ReconcileReport.Event event : result.events()) {
      events.emit(backend, event.type(), event.reason(), event.message());
      if ("Warning".equals(event.type())) {
        LOG.warn("{} {}: {}", key(backend), event.reason(), event.message());
      } else {
        LOG.info("{} {}: {}", key(backend), event.reason(), event.message());
      }
    }
    ReconcileReport report = result.report();
    report
        .checkedAt()
        .ifPresent(
            at ->
                metrics.checked(
                    backend.getMetadata().getNamespace(), backend.getMetadata().getName(), at));
    report.rotated().ifPresent(done -> metrics.rotation(true));
    report.rotationFailure().ifPresent(failed -> metrics.rotation(false));
    report.revokeFailures().forEach(failed -> metrics.revokeFailed());
    report
        .restartedWorkloads()
        .forEach(
            workload ->
                metrics.consumerRestarted(
                    backend.getMetadata().getNamespace(),
                    backend.getMetadata().getName(),
                    workload.kind()));
    report
        .consumersOnPreviousToken()
        .ifPresent(
            containers ->
                metrics.consumersOnPreviousToken(
                    backend.getMetadata().getNamespace(),
                    backend.getMetadata().getName(),
                    containers));
    for (int orphan = 0; orphan < report.possibleOrphans(); orphan++) {
      metrics.possibleOrphan(backend.getMetadata().getNamespace(), backend.getMetadata().getName());
    }
    TokenMeta meta = result.status().getTokenMeta();
    metrics.tokenState(
        backend.getMetadata().getNamespace(),
        backend.getMetadata().getName(),
        Optional.ofNullable(meta).flatMap(m -> Rfc3339.parse(m.getExpiresAt())),
        Optional.ofNullable(meta).flatMap(m -> Rfc3339.parse(m.getLastRotationAt())),
        Optional.ofNullable(meta).map(TokenMeta::getHealth));
  }

  private static String key(SecretBackend backend) {
    return Cache.metaNamespaceKeyFunc(backend);
  }
}
