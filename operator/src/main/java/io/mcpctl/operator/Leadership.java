package io.mcpctl.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leads through a Lease, so that only one replica rotates. Whether this replica leads is known at
 * once ({@link #leads()}), while what leading starts and stops runs on a thread of its own.
 */
final class Leadership implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  private final KubernetesClient client;
  private final OperatorConfig config;
  private final OperatorTuning tuning;
  private final String identity;
  private final Runnable onStartLeading;
  private final Runnable onStopLeading;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicReference<String> observedLeader = new AtomicReference<>();

  /**
   * fabric8 calls the elector's callbacks holding its elector's lock: starting the controllers
   * there (which waits for the caches, up to minutes) would hold off the Lease's renewal until
   * another replica takes it, and exiting there would deadlock with the shutdown hook, which
   * cancels the election under that same lock.
   */
  private final ExecutorService callbacks =
      Executors.newSingleThreadExecutor(
          work -> {
            Thread thread = new Thread(work, "leadership");
            thread.setDaemon(true);
            return thread;
          });

  private CompletableFuture<?> election;

  /**
   * @param onStartLeading run once this replica leads
   * @param onStopLeading run once it stopped leading, after a start still under way
   */
  Leadership(
      KubernetesClient client,
      OperatorConfig config,
      OperatorTuning tuning,
      String identity,
      Runnable onStartLeading,
      Runnable onStopLeading) {
    this.client = client;
    this.config = config;
    this.tuning = tuning;
    this.identity = identity;
    this.onStartLeading = onStartLeading;
    this.onStopLeading = onStopLeading;
  }

  void start() {
    election =
        client
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(config.leaderElectionLeaseName())
                    .withLock(
                        new LeaseLock(
                            config.leaderElectionNamespace(),
                            config.leaderElectionLeaseName(),
                            identity))
                    .withLeaseDuration(tuning.leaseDuration())
                    .withRenewDeadline(tuning.renewDeadline())
                    .withRetryPeriod(tuning.retryPeriod())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(
                        new LeaderCallbacks(this::startLeading, this::stopLeading, this::observed))
                    .build())
            .build()
            .start();
    LOG.info(
        "Waiting to lead through Lease {}/{}.",
        config.leaderElectionNamespace(),
        config.leaderElectionLeaseName());
  }

  /**
   * Whether this replica holds the Lease. False from the moment fabric8 gives the lead up, even
   * while the controllers are still starting: what they would reconcile then is another replica's
   * to do.
   */
  boolean leads() {
    return leading.get();
  }

  /** Whether another replica leads, as last seen in the Lease. */
  boolean standsByBehindAnother() {
    String leader = observedLeader.get();
    return leader != null && !leader.equals(identity);
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    leading.set(false);
    if (election != null) {
      election.cancel(true);
    }
    callbacks.shutdown();
  }

  private void observed(String leader) {
    observedLeader.set(leader);
  }

  private void startLeading() {
    leading.set(true);
    LOG.info("{} leads; starting the controller.", identity);
    onCallbackThread(onStartLeading);
  }

  private void stopLeading() {
    leading.set(false);
    if (closing.get()) {
      return;
    }
    LOG.warn("{} stopped leading.", identity);
    onCallbackThread(onStopLeading);
  }

  private void onCallbackThread(Runnable work) {
    try {
      callbacks.execute(work);
    } catch (RejectedExecutionException closed) {
      // Closing: neither a start nor a stop has anything left to do.
    }
  }
}
