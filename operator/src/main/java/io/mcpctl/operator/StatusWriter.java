package io.mcpctl.operator;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;

/**
 * Writes a backend's status so that the next reconcile sees it. JOSDK 5.2's own status patch leaves
 * the informer's copy as it was until the watch event arrives, so a reconcile that follows within
 * moments (a slot freed, a retry) compared its result with the status from before the write and
 * wrote it again, as a JSON patch computed against that older copy. Here the status is replaced at
 * the version it was computed from: a newer version (someone edited the backend meanwhile) is
 * waited for in the cache and the status written onto it, and the written resource stays in the
 * cache until the informer has caught up.
 */
final class StatusWriter {

  private StatusWriter() {}

  static void write(
      SecretBackend backend, SecretBackendStatus status, Context<SecretBackend> context) {
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        backend,
        context,
        current -> {
          current.setStatus(status);
          return current;
        });
  }
}
