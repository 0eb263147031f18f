package io.mcpctl.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.openbao.OpenBaoOperation;
import io.mcpctl.openbao.OpenBaoOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The series the operator's metrics write, as Prometheus scrapes them. */
class OperatorMetricsTest {

  private final OperatorMetrics metrics = new OperatorMetrics();

  @Test
  void openBaoRequestsAreTimedByOperationAndOutcome() throws IOException {
    metrics
        .openBaoRequests()
        .exchanged(OpenBaoOperation.MINT, OpenBaoOutcome.OK, Duration.ofMillis(40));
    metrics
        .openBaoRequests()
        .exchanged(OpenBaoOperation.LOOKUP_SELF, OpenBaoOutcome.REFUSED, Duration.ofSeconds(3));

    assertThat(scrape())
        .contains(
            "mcpctl_openbao_request_duration_seconds_bucket"
                + "{operation=\"mint\",outcome=\"ok\",le=\"0.05\"} 1\n")
        .contains(
            "mcpctl_openbao_request_duration_seconds_count"
                + "{operation=\"lookup_self\",outcome=\"refused\"} 1\n")
        .contains(
            "mcpctl_openbao_request_duration_seconds_sum"
                + "{operation=\"lookup_self\",outcome=\"refused\"} 3.0\n");
  }

  @Test
  void theLimiterQueueIsReadAtEveryScrape() throws IOException {
    AtomicInteger waiting = new AtomicInteger(5);
    AtomicInteger inFlight = new AtomicInteger(2);
    metrics.rotationLimiter(waiting::get, inFlight::get);

    assertThat(scrape())
        .contains("mcpctl_rotation_limiter_waiting 5.0\n")
        .contains("mcpctl_rotation_limiter_in_flight 2.0\n");
    waiting.set(0);
    assertThat(scrape()).contains("mcpctl_rotation_limiter_waiting 0.0\n");
  }

  @Test
  void whetherThisReplicaLeadsIsReadAtEveryScrape() throws IOException {
    assertThat(scrape()).as("before the operator knows").contains("mcpctl_operator_leader 0.0\n");
    AtomicBoolean leads = new AtomicBoolean(true);
    metrics.leadership(leads::get);

    assertThat(scrape()).contains("mcpctl_operator_leader 1.0\n");
    leads.set(false);
    assertThat(scrape()).contains("mcpctl_operator_leader 0.0\n");
  }

  @Test
  void everyCheckIsATimestampWhichStatusNoLongerCarries() throws IOException {
    metrics.checked("team-a", "bao", java.time.Instant.ofEpochSecond(1_780_000_000L));
    assertThat(scrape())
        .contains(
            "mcpctl_secretbackend_last_check_timestamp_seconds{name=\"bao\",namespace=\"team-a\"}"
                + " 1.78E9\n");

    metrics.forget("team-a", "bao");

    assertThat(scrape()).doesNotContain("mcpctl_secretbackend_last_check_timestamp_seconds{");
  }

  @Test
  void consumersOnAPreviousTokenAreDroppedWithTheirBackend() throws IOException {
    metrics.consumersOnPreviousToken("team-a", "bao", 3);
    metrics.consumersOnPreviousToken("team-b", "bao", 0);
    assertThat(scrape())
        .contains(
            "mcpctl_secretbackend_consumers_on_previous_token{name=\"bao\",namespace=\"team-a\"}"
                + " 3.0\n");

    metrics.forget("team-a", "bao");

    assertThat(scrape())
        .doesNotContain("namespace=\"team-a\"")
        .contains(
            "mcpctl_secretbackend_consumers_on_previous_token{name=\"bao\",namespace=\"team-b\"}"
                + " 0.0\n");
  }

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.write(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
