package io.mcpctl.operator.reconcile;

import io.mcpctl.consumer.TokenConsumer;
import java.util.List;

/** The pods that read a token Secret, and the rolling restart of their workloads. */
public interface TokenConsumers {

  /** Finds nothing and restarts nothing: where no pods can exist (tests without an API). */
  TokenConsumers NONE =
      new TokenConsumers() {
        @Override
        public List<TokenConsumer> find(String namespace, String secret, String tokenKey) {
          return List.of();
        }

        @Override
        public void restart(RestartRequest request, Turn turn) {
          throw new IllegalStateException("No workload exists to restart: " + request.workload());
        }
      };

  /** Waits until the next restart may be sent: the pace of all the operator's restarts. */
  @FunctionalInterface
  interface Turn {
    void await() throws InterruptedException;
  }

  /** The containers in {@code namespace} that read key {@code tokenKey} of {@code secret}. */
  List<TokenConsumer> find(String namespace, String secret, String tokenKey);

  /**
   * A rolling restart of a Deployment, StatefulSet or DaemonSet, as {@code kubectl rollout
   * restart}, recorded in an event on the workload that names the backend; only when the workload's
   * own pod template reads the token Secret's key only at start. The workload is read and checked
   * first, and only a restart that will be sent waits for its {@code turn}: pods that name
   * workloads which do not exist or hold no token cost no one a turn.
   *
   * @throws RestartRefusedException when the operator may not read or patch the workload, it is
   *     gone, or its pod template holds no token
   */
  void restart(RestartRequest request, Turn turn) throws InterruptedException;
}
