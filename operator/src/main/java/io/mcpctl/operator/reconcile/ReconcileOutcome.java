package io.mcpctl.operator.reconcile;

import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.operator.rotation.ReconcileReport;
import java.time.Duration;
import java.util.List;

/**
 * What the reconciler hands back to JOSDK: the status to compare and maybe write, the events to
 * emit, and when to look again.
 */
public record ReconcileOutcome(
    SecretBackendStatus status,
    List<ReconcileReport.Event> events,
    Duration rescheduleAfter,
    ReconcileReport report) {

  public ReconcileOutcome {
    events = List.copyOf(events);
  }

  /** This outcome, writing {@code written} as the status. */
  public ReconcileOutcome withStatus(SecretBackendStatus written) {
    return new ReconcileOutcome(written, events, rescheduleAfter, report);
  }
}
