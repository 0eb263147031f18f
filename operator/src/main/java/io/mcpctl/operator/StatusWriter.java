package io.mcpctl.operator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import java.util.Objects;

/**
 * Writes a backend's status so that the next reconcile sees it. JOSDK 5.2's own status patch leaves
 * the informer's copy as it was until the watch event arrives, so a reconcile that follows within
 * moments (a slot freed, a retry) compared its result with the status from before the write and
 * wrote it again, as a JSON patch computed against that older copy. Here the status is replaced at
 * the version it was computed from, and the written resource stays in JOSDK's cache until the
 * informer has caught up.
 *
 * <p>A conflict (someone edited the backend meanwhile) reads the backend from the API and writes
 * the status onto that version, if it is still the same object. JOSDK's {@code
 * PrimaryUpdateAndCacheUtils} waits for the newer version in the informer's cache instead, and
 * gives up (after ten seconds, or at once across local midnight, whose clock it compares) while the
 * rotation the status records has already happened: a manual rotate request not marked handled is
 * carried out again.
 */
final class StatusWriter {

  /** Conflicts in a row before the write fails, and the reconcile with it. */
  static final int ATTEMPTS = 5;

  private StatusWriter() {}

  static void write(
      SecretBackend backend, SecretBackendStatus status, Context<SecretBackend> context) {
    SecretBackend target = backend;
    for (int attempt = 1; ; attempt++) {
      target.setStatus(status);
      try {
        SecretBackend written = context.getClient().resource(target).updateStatus();
        context
            .eventSourceRetriever()
            .getControllerEventSource()
            .handleRecentResourceUpdate(ResourceID.fromResource(target), written, target);
        return;
      } catch (KubernetesClientException failure) {
        if (failure.getCode() != 409 || attempt == ATTEMPTS) {
          throw failure;
        }
      }
      SecretBackend latest = context.getClient().resource(backend).get();
      if (latest == null
          || !Objects.equals(latest.getMetadata().getUid(), backend.getMetadata().getUid())) {
        // Deleted, or deleted and made again: this status describes an object that is gone.
        return;
      }
      target = latest;
    }
  }
}
