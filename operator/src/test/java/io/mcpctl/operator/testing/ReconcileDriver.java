package io.mcpctl.operator.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.operator.reconcile.BackendReconciliation;
import io.mcpctl.operator.reconcile.InvalidSpecException;
import io.mcpctl.operator.reconcile.NamespaceShare;
import io.mcpctl.operator.reconcile.ReconcileOutcome;
import io.mcpctl.operator.reconcile.TokenConsumers;
import io.mcpctl.operator.rotation.ActionRunner;
import io.mcpctl.operator.rotation.AllowedOpenBaoAddresses;
import io.mcpctl.operator.rotation.BackendLocks;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.rotation.RotationLimiter;
import io.mcpctl.operator.rotation.SlotWaiters;
import io.mcpctl.operator.rotation.StepListener;
import io.mcpctl.operator.rotation.TokenSecretStore;
import io.mcpctl.schedule.ReconcilePlanner;
import io.mcpctl.schedule.RotationTimes;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One operator "process" without JOSDK: a fresh reconciliation (fresh rotator, limiter and locks)
 * over a backend whose status it persists like the API server would, on the stand-in's clock. A new
 * driver on the same Secret and status is a restarted operator.
 */
public final class ReconcileDriver {

  /** The rotation slots of this driver's limiter. */
  public static final int MAX_CONCURRENT_ROTATIONS = 4;

  private final BackendReconciliation reconciliation;
  private final RotationLimiter limiter;
  private SecretBackend backend;

  public ReconcileDriver(
      OpenBaoFixture bao,
      OpenBaoClient client,
      TokenSecretStore secrets,
      StepListener steps,
      SecretBackend backend) {
    this(bao, client, secrets, steps, backend, TokenConsumers.NONE);
  }

  /** A driver that finds and restarts the token's consumers through {@code consumers}. */
  public ReconcileDriver(
      OpenBaoFixture bao,
      OpenBaoClient client,
      TokenSecretStore secrets,
      StepListener steps,
      SecretBackend backend,
      TokenConsumers consumers) {
    this(bao, client, secrets, steps, backend, consumers, SlotWaiters.none());
  }

  /** A driver whose refused rotations wait in {@code waiters}. */
  public ReconcileDriver(
      OpenBaoFixture bao,
      OpenBaoClient client,
      TokenSecretStore secrets,
      StepListener steps,
      SecretBackend backend,
      TokenConsumers consumers,
      SlotWaiters waiters) {
    this(
        bao,
        client,
        secrets,
        steps,
        backend,
        consumers,
        waiters,
        new NamespaceShare(NamespaceShare.DEFAULT_PER_NAMESPACE));
  }

  /** A driver whose reconciles take their places in {@code namespaces}, shared with others. */
  public ReconcileDriver(
      OpenBaoFixture bao,
      OpenBaoClient client,
      TokenSecretStore secrets,
      StepListener steps,
      SecretBackend backend,
      TokenConsumers consumers,
      SlotWaiters waiters,
      NamespaceShare namespaces) {
    this.backend = backend;
    SplittableRandom random = new SplittableRandom(11);
    ActionRunner runner =
        new ActionRunner(
            bao.clock(), secrets, random, Duration.ofDays(7), new BackendLocks(), steps);
    this.limiter = new RotationLimiter(bao.clock(), MAX_CONCURRENT_ROTATIONS, 100);
    this.reconciliation =
        new BackendReconciliation(
            bao.clock(),
            new ReconcilePlanner(Duration.ofHours(1)),
            runner,
            limiter,
            (resource, spec) ->
                new BackendTarget(
                    resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(),
                    spec.openbao().orElseThrow().getAuth().getTokenSecretRef(),
                    spec.openbao().orElseThrow().getAddress(),
                    TokenSecretBinding.TLS_SYSTEM,
                    spec.openbao().orElseThrow().getKv().getMount(),
                    spec.openbao().orElseThrow().getKv().getPathPrefix(),
                    spec.rotation(),
                    client),
            AllowedOpenBaoAddresses.any(),
            secrets,
            new RotationTimes(),
            random,
            new TokenHealthEvaluator(),
            consumers,
            waiters,
            namespaces);
  }

  /** A rotating backend as the API server would hand it over: generation 1, no status yet. */
  public static SecretBackend newBackend(
      String namespace,
      String name,
      OpenBaoFixture bao,
      String interval,
      String jitter,
      String grace) {
    SecretBackend backend =
        KubernetesFixture.rotatingBackend(
            namespace,
            name,
            bao.standIn().address().toString(),
            OpenBaoFixture.MOUNT,
            bao.access(name).pathPrefix(),
            bao.access(name).roleName(),
            interval);
    backend.getSpec().getOpenbao().getAuth().getRotation().setJitter(jitter);
    backend.getSpec().getOpenbao().getAuth().getRotation().setRevokeGracePeriod(grace);
    backend.setMetadata(
        new ObjectMetaBuilder(backend.getMetadata())
            .withGeneration(1L)
            .withCreationTimestamp(bao.clock().instant().toString())
            .build());
    return backend;
  }

  /**
   * Asks for a rotation as {@code kubectl mcpctl rotate} does: the rotate-requested-at annotation,
   * set to {@code at}, on the backend the next reconcile sees.
   */
  public void requestRotation(Instant at) {
    Map<String, String> annotations = new HashMap<>();
    if (backend.getMetadata().getAnnotations() != null) {
      annotations.putAll(backend.getMetadata().getAnnotations());
    }
    annotations.put(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, Rfc3339.format(at));
    backend.getMetadata().setAnnotations(annotations);
  }

  /** One reconcile; the status is not persisted (see {@link #persist}). */
  public ReconcileOutcome reconcile() {
    try {
      return reconciliation.reconcile(backend, () -> List.of(backend));
    } catch (InvalidSpecException invalid) {
      throw new IllegalStateException(invalid.getMessage(), invalid);
    }
  }

  /** Writes the status, as the operator's status write would. */
  public void persist(SecretBackendStatus status) {
    SecretBackend updated = new SecretBackend();
    updated.setMetadata(backend.getMetadata());
    updated.setSpec(backend.getSpec());
    updated.setStatus(status);
    backend = updated;
  }

  /** The limiter every rotation of this driver goes through. */
  public RotationLimiter limiter() {
    return limiter;
  }

  /** The backend as persisted, for a restarted driver. */
  public SecretBackend backend() {
    return backend;
  }
}
