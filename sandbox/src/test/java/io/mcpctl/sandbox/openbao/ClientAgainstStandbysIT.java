package io.mcpctl.sandbox.openbao;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.openbao.KvV2;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The project's client behind a load balancer of an active node and two standbys that trail it by
 * 500ms (real time): reading back what it just wrote still succeeds, because it reads its own write
 * again for a while instead of taking a standby's "never written" for the answer.
 */
class ClientAgainstStandbysIT {

  private final OpenBaoStandIn standIn =
      OpenBaoStandIn.start(StandInOptions.defaults().standbys(2, Duration.ofMillis(500)));

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void theKvRoundTripReadsItsOwnWriteThroughTheLag() {
    OpenBaoClient root =
        OpenBaoClient.connect(OpenBaoConnection.of(standIn.address().toString()))
            .withToken(standIn.rootToken());
    KvV2 kv = root.kv("secret");

    for (int i = 0; i < 6; i++) {
      long version = kv.healthCheckRoundTrip("mcpctl/team-a").version();
      assertThat(version).isEqualTo(i + 1L);
    }
  }

  @Test
  void aMountJustEnabledIsWrittenToOnceTheStandbyAnsweringHasFinishedItsUpgrade() {
    OpenBaoClient root =
        OpenBaoClient.connect(OpenBaoConnection.of(standIn.address().toString()))
            .withToken(standIn.rootToken());
    root.enableKvV2("fresh", "new");

    assertThat(root.kv("fresh").healthCheckRoundTrip("mcpctl/team-a").version()).isEqualTo(1);
    assertThat(root.kv("fresh").get("mcpctl/team-a/.mcpctl-healthcheck").isPresent()).isTrue();
  }
}
