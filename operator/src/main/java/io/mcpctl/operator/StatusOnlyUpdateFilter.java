package io.mcpctl.operator;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.mcpctl.api.v1alpha1.SecretBackend;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Lets an update of a SecretBackend reach the reconciler unless only its status changed. Only the
 * operator writes the status, and the reconcile that wrote it has already rescheduled itself for
 * whatever is due next, so the watch event of its own status patch would cost one more reconcile (a
 * Secret read) and change nothing. Generation-aware filtering cannot be used instead: the rotate
 * annotation changes no generation and must still trigger a reconcile.
 */
public final class StatusOnlyUpdateFilter implements OnUpdateFilter<SecretBackend> {

  private final Predicate<SecretBackend> changedOutsideTheCopy;

  /** For backends the informer keeps whole. */
  public StatusOnlyUpdateFilter() {
    this(updated -> false);
  }

  /**
   * @param changedOutsideTheCopy whether an update changed what the informer's store dropped from
   *     the copies it compares ({@link LeanBackendStore})
   */
  StatusOnlyUpdateFilter(Predicate<SecretBackend> changedOutsideTheCopy) {
    this.changedOutsideTheCopy = changedOutsideTheCopy;
  }

  @Override
  public boolean accept(SecretBackend updated, SecretBackend previous) {
    return !onlyStatusChanged(updated, previous) || changedOutsideTheCopy.test(updated);
  }

  static boolean onlyStatusChanged(SecretBackend updated, SecretBackend previous) {
    ObjectMeta now = updated.getMetadata();
    ObjectMeta before = previous.getMetadata();
    return Objects.equals(updated.getSpec(), previous.getSpec())
        && Objects.equals(now.getGeneration(), before.getGeneration())
        && Objects.equals(now.getAnnotations(), before.getAnnotations())
        && Objects.equals(now.getLabels(), before.getLabels())
        && Objects.equals(now.getFinalizers(), before.getFinalizers())
        && Objects.equals(now.getOwnerReferences(), before.getOwnerReferences())
        && Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
  }
}
