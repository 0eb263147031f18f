package io.mcpctl.bench;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.AuthSpec;
import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TokenHealth;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.openbao.policy.RotatorRole;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Creates SecretBackends as the wizard and an earlier operator would have left them: a narrow
 * policy and an orphan, renewable, periodic (720h) role in OpenBao, a real token minted from the
 * role in each backend's Secret, the operator's finalizer, and a status whose {@code
 * nextRotationAt} the caller chooses (in the past for an overdue backend). The tokens stay in
 * memory only, for the leak scan.
 */
final class Fleet {

  static final String FINALIZER = "mcpctl.io/revoke-tokens";
  static final String ROTATION_INTERVAL = "24h";
  static final String ROTATION_JITTER = "10m";

  private final KubernetesClient kubernetes;
  private final OpenBaoClient admin;
  private final URI openBaoAddress;
  private final NarrowAccess access;
  private final Set<String> grantedNamespaces = new LinkedHashSet<>();
  private final Set<String> mintedTokens = ConcurrentHashMap.newKeySet();

  /**
   * @param admin a client holding the stand-in's root token, used only before measuring
   * @param openBaoAddress the address backends point at (the recording proxy)
   * @param mintedBefore tokens an earlier fleet minted, still to be looked for in the logs
   */
  Fleet(
      KubernetesClient kubernetes,
      OpenBaoClient admin,
      URI openBaoAddress,
      Set<String> mintedBefore) {
    this.kubernetes = kubernetes;
    this.admin = admin;
    this.openBaoAddress = openBaoAddress;
    this.mintedTokens.addAll(mintedBefore);
    // One policy and role for every backend of the benchmark: what is measured is the operator.
    // The policy grows by each planned namespace's narrow folder (see grant).
    this.access = NarrowAccess.forBackend("bench", "bench", "secret", "mcpctl/bench");
    admin.writeTokenRole(RotatorRole.desired(access));
  }

  /**
   * The state each backend starts in.
   *
   * @param nextRotationAt the first backend's next rotation; with {@code spread}, the others' fall
   *     evenly over one interval after it, as backends rotated at their own times do, and each
   *     status records its last check at its last rotation, as the operator leaves it (a check that
   *     finds nothing new writes nothing), so the operator spreads the first checks over one check
   *     interval instead of finding every backend checked at the moment it was created
   */
  record Plan(
      String namespace,
      String namePrefix,
      int count,
      Instant nextRotationAt,
      Duration revokeGracePeriod,
      Duration interval,
      Duration jitter,
      boolean spread) {

    Plan(
        String namespace,
        String namePrefix,
        int count,
        Instant nextRotationAt,
        Duration revokeGracePeriod) {
      this(
          namespace,
          namePrefix,
          count,
          nextRotationAt,
          revokeGracePeriod,
          GoDuration.parse(ROTATION_INTERVAL),
          GoDuration.parse(ROTATION_JITTER),
          false);
    }

    Instant nextRotationOf(int index) {
      return spread
          ? nextRotationAt.plusMillis(interval.toMillis() * (index - 1) / count)
          : nextRotationAt;
    }
  }

  /** Creates the namespace and {@code count} backends, four at a time; returns their names. */
  List<String> create(Plan plan) {
    grant(plan.namespace());
    kubernetes
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(plan.namespace())
                .endMetadata()
                .build())
        .create();
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int index = 1; index <= plan.count(); index++) {
        String name = plan.namePrefix() + "-" + index;
        Instant next = plan.nextRotationOf(index);
        created.add(workers.submit(() -> createOne(plan, name, next)));
      }
      List<String> names = new ArrayList<>();
      for (Future<String> one : created) {
        names.add(one.get());
      }
      return names;
    } catch (ExecutionException failure) {
      throw new IllegalStateException(
          "Creating the backends of "
              + plan.namespace()
              + " failed: "
              + failure.getCause().getMessage(),
          failure.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating backends", interrupted);
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * Adds {@code namespace}'s folder to the shared policy: the narrow policy of each namespace, one
   * after the other, so that no token reaches a namespace the benchmark did not plan.
   */
  private void grant(String namespace) {
    grantedNamespaces.add(namespace);
    String hcl =
        grantedNamespaces.stream()
            .map(
                granted ->
                    NarrowPolicy.hcl(
                        NarrowAccess.forBackend(
                                granted, "bench", access.mount(), access.pathPrefix())
                            .withPolicyName(access.policyName())
                            .withRoleName(access.roleName())))
            .collect(Collectors.joining("\n"));
    admin.writePolicy(access.policyName(), hcl);
  }

  /** Every token value this fleet minted, for the leak scan; never printed. */
  Set<String> mintedTokens() {
    return Set.copyOf(mintedTokens);
  }

  NarrowAccess access() {
    return access;
  }

  private String createOne(Plan plan, String name, Instant nextRotationAt) {
    IssuedToken token = admin.createToken(access.roleName());
    mintedTokens.add(token.clientToken().reveal());
    String secretName = name + "-token";
    kubernetes
        .secrets()
        .inNamespace(plan.namespace())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(plan.namespace())
                .withName(secretName)
                .withLabels(Map.of(SecretBackend.MANAGED_BY_LABEL, SecretBackend.MANAGED_BY_VALUE))
                .withAnnotations(
                    TokenSecretBinding.Binding.rotated(
                            name, openBaoAddress.toString(), TokenSecretBinding.TLS_SYSTEM)
                        .annotations())
                .endMetadata()
                .withType(TokenSecretBinding.TYPE)
                .withStringData(
                    Map.of("token", token.clientToken().reveal(), "accessor", token.accessor()))
                .build())
        .create();
    SecretBackend created = kubernetes.resource(backend(plan, name, secretName)).create();
    created.setStatus(status(plan, nextRotationAt, token, created.getMetadata().getGeneration()));
    kubernetes.resource(created).updateStatus();
    return name;
  }

  private SecretBackend backend(Plan plan, String name, String secretName) {
    RotationSpec rotation = new RotationSpec();
    rotation.setEnabled(true);
    rotation.setTokenRole(access.roleName());
    rotation.setInterval(GoDuration.format(plan.interval()));
    rotation.setJitter(GoDuration.format(plan.jitter()));
    rotation.setRevokeGracePeriod(GoDuration.format(plan.revokeGracePeriod()));
    AuthSpec auth = new AuthSpec();
    auth.setTokenSecretRef(new SecretKeyRef(secretName, "token"));
    auth.setRotation(rotation);
    KvSpec kv = new KvSpec();
    kv.setMount(access.mount());
    // Backends of one namespace share its folder and its health-check key: each check reads
    // back the version it wrote, so they never fail each other's round trip.
    kv.setPathPrefix(access.pathPrefix());
    OpenBaoSpec openbao = new OpenBaoSpec();
    openbao.setAddress(openBaoAddress.toString());
    openbao.setKv(kv);
    openbao.setAuth(auth);
    SecretBackendSpec spec = new SecretBackendSpec();
    spec.setType("openbao");
    spec.setOpenbao(openbao);
    SecretBackend backend = new SecretBackend();
    backend.getMetadata().setNamespace(plan.namespace());
    backend.getMetadata().setName(name);
    backend.getMetadata().setFinalizers(List.of(FINALIZER));
    backend.setSpec(spec);
    return backend;
  }

  /**
   * A status as an operator that rotated a day ago leaves it: checked recently, or with {@link
   * Plan#spread} when last rotated.
   */
  private static SecretBackendStatus status(
      Plan plan, Instant nextRotationAt, IssuedToken token, Long generation) {
    Instant now = Instant.now();
    Instant lastRotation = nextRotationAt.minus(plan.interval());
    TokenMeta meta = new TokenMeta();
    meta.setRotatable(true);
    meta.setHealth(TokenHealth.HEALTHY);
    // When OpenBao minted it (just now), as its lookup will say: a rotated day before would differ
    // from the lookup, and the first check would write status for that alone.
    meta.setGeneratedAt(Rfc3339.format(now));
    meta.setExpiresAt(Rfc3339.format(now.plus(token.leaseDuration())));
    meta.setRenewable(token.renewable());
    meta.setPeriod(GoDuration.format(RotatorRole.TOKEN_PERIOD));
    meta.setPolicies(new ArrayList<>(token.policies()));
    meta.setLastRotationAt(Rfc3339.format(lastRotation));
    meta.setNextRotationAt(Rfc3339.format(nextRotationAt));
    meta.setLastCheckedAt(Rfc3339.format(plan.spread() ? lastRotation : now));
    meta.setConsecutiveFailures(0);
    SecretBackendStatus status = new SecretBackendStatus();
    status.setObservedGeneration(generation);
    status.setTokenMeta(meta);
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason(ReadyReasons.TOKEN_VALID)
                .withMessage("The token works and is rotated on schedule.")
                .withObservedGeneration(generation)
                .withLastTransitionTime(Rfc3339.format(now))
                .build()));
    return status;
  }
}
