package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.sandbox.openbao.RequestRecord;
import io.mcpctl.time.Rfc3339;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operator starting with many overdue backends rotates them all at once at start-up, but never
 * faster or wider than the limiter allows.
 */
class StartupCatchUpIT {

  private static final int BACKENDS = 8;
  private static final String NAMESPACE = "late";

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final OpenBaoFixture bao = new OpenBaoFixture(Clock.systemUTC());
  private RunningOperator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    bao.close();
    kubernetes.close();
  }

  @Test
  void overdueBackendsAreRotatedAtStartThroughTheLimiter() {
    kubernetes.createNamespace(NAMESPACE);
    Instant now = Instant.now();
    for (int i = 1; i <= BACKENDS; i++) {
      String name = "late-" + i;
      IssuedToken token = bao.provision(NAMESPACE, name);
      kubernetes.createTokenSecret(NAMESPACE, name, bao.address(), token);
      SecretBackend created =
          kubernetes.create(
              KubernetesFixture.rotatingBackend(
                  NAMESPACE,
                  name,
                  bao.standIn().address().toString(),
                  OpenBaoFixture.MOUNT,
                  bao.access(name).pathPrefix(),
                  bao.access(name).roleName(),
                  "24h"));
      created.setStatus(overdueStatus(now));
      kubernetes.client().resource(created).patchStatus();
    }
    // Slow mints make rotations overlap, so that the concurrency limit is what holds them back.
    bao.standIn()
        .faults()
        .add(Fault.on("POST", "auth/token/create/.*").delay(Duration.ofMillis(400)).build());
    bao.clearRequests();

    operator =
        RunningOperator.start(
            kubernetes,
            "--leader-election=false",
            "--max-concurrent-rotations=2",
            "--max-rotations-per-second=2");

    AtomicInteger mostWaiting = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .conditionEvaluationListener(
            condition -> {
              sampleMost(mostWaiting, "mcpctl_rotation_limiter_waiting");
              sampleMost(mostInFlight, "mcpctl_rotation_limiter_in_flight");
            })
        .untilAsserted(
            () ->
                IntStream.rangeClosed(1, BACKENDS)
                    .forEach(
                        i -> {
                          TokenMeta meta =
                              kubernetes.get(NAMESPACE, "late-" + i).getStatus().getTokenMeta();
                          assertThat(Rfc3339.parse(meta.getLastRotationAt()).orElseThrow())
                              .isAfter(now.minusSeconds(5));
                        }));
    List<Instant> mints =
        bao.requests().stream()
            .filter(record -> record.path().startsWith("/v1/auth/token/create/"))
            .map(RequestRecord::time)
            .sorted()
            .toList();

    assertThat(mints).as("one mint per overdue backend").hasSize(BACKENDS);
    assertThat(operator.operator().limiter().peakRunning()).as("rotations at once").isEqualTo(2);
    assertThat(mostWaiting.get()).as("rotations waiting in the limiter's queue").isPositive();
    assertThat(mostInFlight.get()).as("rotations in flight").isBetween(1, 2);
    assertThat(Duration.between(mints.get(0), mints.get(BACKENDS - 1)))
        .as("8 starts at 2 per second span at least 3 seconds")
        .isGreaterThanOrEqualTo(Duration.ofMillis(2_800));
    System.out.printf(
        "Start-up catch-up: %d overdue backends rotated, peak %d at once, first to last mint %s%n",
        BACKENDS,
        operator.operator().limiter().peakRunning(),
        Duration.between(mints.get(0), mints.get(BACKENDS - 1)));
  }

  /** Keeps the largest value the operator's metrics have shown for {@code gauge}. */
  private void sampleMost(AtomicInteger most, String gauge) {
    operator.sample(gauge).ifPresent(value -> most.accumulateAndGet((int) value, Math::max));
  }

  private static SecretBackendStatus overdueStatus(Instant now) {
    TokenMeta meta = new TokenMeta();
    meta.setRotatable(true);
    meta.setLastRotationAt(Rfc3339.format(now.minus(Duration.ofDays(2))));
    meta.setNextRotationAt(Rfc3339.format(now.minus(Duration.ofDays(1))));
    meta.setLastCheckedAt(Rfc3339.format(now));
    meta.setConsecutiveFailures(0);
    SecretBackendStatus status = new SecretBackendStatus();
    status.setTokenMeta(meta);
    return status;
  }
}
