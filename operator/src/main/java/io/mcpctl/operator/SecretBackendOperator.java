package io.mcpctl.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.operator.kube.BackendTargets;
import io.mcpctl.operator.kube.KubernetesEvents;
import io.mcpctl.operator.kube.KubernetesTokenConsumers;
import io.mcpctl.operator.kube.KubernetesTokenSecretStore;
import io.mcpctl.operator.reconcile.BackendDeletion;
import io.mcpctl.operator.reconcile.BackendReconciliation;
import io.mcpctl.operator.reconcile.NamespaceShare;
import io.mcpctl.operator.rotation.ActionRunner;
import io.mcpctl.operator.rotation.BackendLocks;
import io.mcpctl.operator.rotation.FinalRevocation;
import io.mcpctl.operator.rotation.RotationLimiter;
import io.mcpctl.operator.rotation.SlotWaiters;
import io.mcpctl.operator.rotation.StepListener;
import io.mcpctl.operator.runtime.ApiRequestCounter;
import io.mcpctl.operator.runtime.AsyncCompletionPool;
import io.mcpctl.operator.runtime.ChaChaFirstHttpClientFactory;
import io.mcpctl.operator.runtime.HealthEndpoints;
import io.mcpctl.operator.runtime.LogSetup;
import io.mcpctl.operator.runtime.OperatorMetrics;
import io.mcpctl.schedule.ReconcilePlanner;
import io.mcpctl.schedule.RotationTimes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: one reconciler for SecretBackends, the rotation limiter shared by all of
 * them, the health and metrics endpoints, and leader election on a Lease so that only one replica
 * rotates. Runs against the current kubeconfig or the in-cluster configuration.
 */
public final class SecretBackendOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SecretBackendOperator.class);

  private final OperatorConfig config;
  private final OperatorTuning tuning;
  private final KubernetesClient client;
  private final OperatorMetrics metrics;
  private final RotationLimiter limiter;
  private final Operator operator;
  private final String identity;
  private final Runnable onLostLeadership;
  private final AtomicBoolean controllersStarted = new AtomicBoolean();
  private final AtomicBoolean controllersStopped = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Optional<Leadership> leadership;
  private HealthEndpoints endpoints;

  /**
   * @param client a client whose requests are counted by {@code metrics} (see {@link
   *     #kubernetesClient(Config, OperatorMetrics, Interceptor...)})
   * @param onLostLeadership what to do when another replica takes over (the process exits, so that
   *     it restarts as a candidate)
   */
  public SecretBackendOperator(
      OperatorConfig config,
      OperatorTuning tuning,
      KubernetesClient client,
      OperatorMetrics metrics,
      Clock clock,
      Runnable onLostLeadership) {
    this.config = config;
    this.tuning = tuning;
    this.client = client;
    this.metrics = metrics;
    this.onLostLeadership = onLostLeadership;
    this.identity = newIdentity();
    this.leadership =
        config.leaderElection()
            ? Optional.of(
                new Leadership(
                    client, config, tuning, identity, this::startLeading, this::stopLeading))
            : Optional.empty();
    SecureRandom random = new SecureRandom();
    TokenHealthEvaluator evaluator =
        new TokenHealthEvaluator(tuning.warningWindow(), tuning.staleThreshold());
    KubernetesTokenSecretStore secrets = new KubernetesTokenSecretStore(client);
    BackendTargets targets =
        new BackendTargets(
            client,
            tuning.openBaoRequestTimeout(),
            config.openBaoMintTimeout(),
            metrics.openBaoRequests(),
            config.allowedOpenBaoAddresses());
    ActionRunner runner =
        new ActionRunner(
            clock, secrets, random, tuning.warningWindow(), new BackendLocks(), StepListener.NONE);
    this.limiter =
        new RotationLimiter(clock, config.maxConcurrentRotations(), config.maxRotationsPerSecond());
    SimpleInboundEventSource<SecretBackend> slotFreed =
        new SimpleInboundEventSource<>("slot-freed");
    SlotWaiters slotWaiters =
        new SlotWaiters(
            waiter -> slotFreed.propagateEvent(new ResourceID(waiter.name(), waiter.namespace())));
    limiter.whenASlotFrees(slotWaiters::wakeNext);
    metrics.rotationLimiter(slotWaiters::size, limiter::running);
    metrics.leadership(this::leads);
    NamespaceShare namespaces = new NamespaceShare(NamespaceShare.DEFAULT_PER_NAMESPACE);
    BackendReconciliation reconciliation =
        new BackendReconciliation(
            clock,
            new ReconcilePlanner(config.healthCheckInterval(), tuning.failedCheckRetry()),
            runner,
            limiter,
            targets::of,
            config.allowedOpenBaoAddresses(),
            secrets,
            new RotationTimes(),
            random,
            evaluator,
            new KubernetesTokenConsumers(client),
            slotWaiters,
            namespaces);
    SecretBackendReconciler reconciler =
        new SecretBackendReconciler(
            reconciliation,
            new BackendDeletion(
                clock, new FinalRevocation(secrets), targets::of, evaluator, namespaces),
            new KubernetesEvents(client, clock, identity),
            metrics,
            tuning.failedCheckRetry(),
            slotFreed,
            this::leads);
    this.operator =
        new Operator(
            overrider ->
                overrider
                    .withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false));
    operator.register(
        reconciler,
        overrider -> {
          // One informer for every namespace, or for the one watched, can have a store of its
          // own; JOSDK would share one store among the informers of several namespaces.
          if (config.watchNamespaces().size() <= 1) {
            LeanBackendStore store = new LeanBackendStore(reconciler::forget);
            overrider
                .withItemStore(store)
                .withOnUpdateFilter(new StatusOnlyUpdateFilter(store::droppedMetadataChanged));
          }
          if (!config.watchNamespaces().isEmpty()) {
            overrider.settingNamespaces(config.watchNamespaces());
          }
        });
  }

  public static void main(String[] args) {
    AsyncCompletionPool.configure();
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(OperatorConfig.usage());
      return;
    }
    OperatorConfig config;
    try {
      config = OperatorConfig.parse(args, System.getenv());
    } catch (OperatorConfig.InvalidConfigException invalid) {
      System.err.println(invalid.getMessage());
      System.exit(2);
      return;
    }
    LogSetup.configure(config.logFormat() == OperatorConfig.LogFormat.JSON);
    OperatorMetrics metrics = new OperatorMetrics();
    KubernetesClient client = kubernetesClient(Config.autoConfigure(null), metrics);
    CountDownLatch stopped = new CountDownLatch(1);
    SecretBackendOperator running =
        new SecretBackendOperator(
            config,
            OperatorTuning.defaults(),
            client,
            metrics,
            Clock.systemUTC(),
            () -> {
              LOG.warn(
                  "Another replica took the lead; exiting so that this one restarts as a candidate.");
              System.exit(1);
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  client.close();
                  stopped.countDown();
                },
                "shutdown"));
    try {
      running.start();
      stopped.await();
    } catch (IOException | RuntimeException failure) {
      LOG.error("The operator could not start: {}", failure.getMessage());
      System.exit(1);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A client for {@code kubeconfig} whose every request is counted in the metrics, after passing
   * the {@code interceptors} (tests hold requests back with one).
   */
  public static KubernetesClient kubernetesClient(
      Config kubeconfig, OperatorMetrics metrics, Interceptor... interceptors) {
    return new KubernetesClientBuilder()
        .withConfig(kubeconfig)
        .withHttpClientFactory(new ChaChaFirstHttpClientFactory(kubeconfig))
        .withHttpClientBuilderConsumer(
            builder -> {
              for (int i = 0; i < interceptors.length; i++) {
                builder.addOrReplaceInterceptor("given-" + i, interceptors[i]);
              }
              builder.addOrReplaceInterceptor("count", new ApiRequestCounter(metrics));
            })
        .build();
  }

  /** Starts the endpoints, then the controller (at once, or once this replica leads). */
  public void start() throws IOException {
    endpoints = HealthEndpoints.start(config.metricsPort(), metrics, () -> true, this::isReady);
    LOG.info(
        "mcpctl operator {} serving /metrics, /healthz and /readyz on port {}; watching {};"
            + " OpenBao servers allowed: {}.",
        identity,
        endpoints.port(),
        config.watchNamespaces().isEmpty() ? "all namespaces" : config.watchNamespaces(),
        config.allowedOpenBaoAddresses());
    leadership.ifPresentOrElse(Leadership::start, this::startControllers);
  }

  /**
   * Ready when it reconciles with synced caches, or, with leader election, stands by behind a
   * leader it has seen.
   */
  public boolean isReady() {
    if (closing.get()) {
      return false;
    }
    if (controllersStarted.get()) {
      return operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }
    return leadership.map(Leadership::standsByBehindAnother).orElse(false);
  }

  /** Whether this replica may act on backends: it leads, or runs without leader election. */
  private boolean leads() {
    return leadership.map(Leadership::leads).orElse(true);
  }

  public RotationLimiter limiter() {
    return limiter;
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    leadership.ifPresent(Leadership::close);
    if (controllersStarted.get()) {
      stopControllers();
    }
    if (endpoints != null) {
      endpoints.close();
    }
  }

  private void startLeading() {
    try {
      startControllers();
    } catch (RuntimeException failed) {
      // Holding the Lease without reconciling would keep every other replica out.
      LOG.error(
          "{} could not start the controller while leading; giving up the lead: {}",
          identity,
          failed.getMessage());
      onLostLeadership.run();
    }
  }

  private void stopLeading() {
    if (controllersStarted.get()) {
      stopControllers();
    }
    onLostLeadership.run();
  }

  private void startControllers() {
    if (closing.get()) {
      return;
    }
    operator.start();
    controllersStarted.set(true);
    // A close that came during the start saw no controllers to stop.
    if (closing.get()) {
      stopControllers();
    }
  }

  private void stopControllers() {
    if (controllersStopped.compareAndSet(false, true)) {
      operator.stop();
    }
  }

  private static String newIdentity() {
    String host =
        Optional.ofNullable(System.getenv("POD_NAME")).orElseGet(SecretBackendOperator::hostName);
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unknown) {
      return "mcpctl-operator";
    }
  }
}
