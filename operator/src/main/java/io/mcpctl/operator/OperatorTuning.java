package io.mcpctl.operator;

import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.schedule.ReconcilePlanner;
import java.time.Duration;

/**
 * Settings that are not part of the configuration contract: fixed in production, shortened by tests
 * so that a whole operator runs in seconds.
 *
 * @param openBaoRequestTimeout the longest wait for one OpenBao answer
 * @param failedCheckRetry how soon a failed check (sealed, unreachable) is repeated
 * @param leaseDuration how long a leader's Lease lasts without renewal
 * @param renewDeadline how long the leader keeps trying to renew before it gives up leading
 * @param retryPeriod how often candidates try to take the Lease
 */
public record OperatorTuning(
    Duration openBaoRequestTimeout,
    Duration failedCheckRetry,
    Duration warningWindow,
    Duration staleThreshold,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  public static OperatorTuning defaults() {
    return new OperatorTuning(
        OpenBaoConnection.DEFAULT_REQUEST_TIMEOUT,
        ReconcilePlanner.DEFAULT_FAILED_CHECK_RETRY,
        TokenHealthEvaluator.DEFAULT_WARNING_WINDOW,
        TokenHealthEvaluator.DEFAULT_STALE_THRESHOLD,
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2));
  }
}
