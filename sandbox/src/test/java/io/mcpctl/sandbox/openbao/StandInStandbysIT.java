package io.mcpctl.sandbox.openbao;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An active node and two standbys behind one address, taking requests in turn; the standbys serve
 * reads from state 500ms behind the active node's and forward writes, as OpenBao 2.5+ standbys on
 * raft storage do.
 */
class StandInStandbysIT {
  private static final Duration LAG = Duration.ofMillis(500);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private OpenBaoStandIn standIn;
  private RawBao root;

  @BeforeEach
  void start() {
    standIn = OpenBaoStandIn.start(StandInOptions.defaults().clock(clock).standbys(2, LAG));
    root = RawBao.of(standIn);
  }

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void healthSaysStandbyOnTwoRequestsOfThree() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(root.get("sys/health").status);
    }

    assertThat(statuses).containsExactlyInAnyOrder(200, 200, 429, 429, 429, 429);
    assertThat(root.get("sys/health?standbyok=true").status).isEqualTo(200);
  }

  @Test
  void aReadRightAfterAWriteMayFindTheOlderVersionUntilTheLagHasPassed() {
    assertThat(root.post("secret/data/app", "{\"data\":{\"v\":\"one\"}}").status).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(root.post("secret/data/app", "{\"data\":{\"v\":\"two\"}}").status).isEqualTo(200);

    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      seen.add(root.get("secret/data/app").data().path("data").path("v").asText());
    }
    List<Integer> versionTwo = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      versionTwo.add(root.get("secret/data/app?version=2").status);
    }

    assertThat(seen).containsExactlyInAnyOrder("two", "one", "one");
    assertThat(versionTwo).containsExactlyInAnyOrder(200, 404, 404);

    clock.advance(LAG);
    for (int i = 0; i < 3; i++) {
      assertThat(root.get("secret/data/app").data().path("data").path("v").asText())
          .isEqualTo("two");
    }
  }

  @Test
  void aFreshTokenWorksOnEveryNodeAndAStandbyShowsItsLeaseAsBeforeTheLastRenewal() {
    String token =
        root.post("auth/token/create", "{\"policies\":[\"default\"],\"ttl\":\"1h\"}")
            .json()
            .path("auth")
            .path("client_token")
            .asText();
    RawBao holder = root.as(token);
    for (int i = 0; i < 3; i++) {
      assertThat(holder.get("auth/token/lookup-self").status)
          .as("a token a standby does not know yet is forwarded, not refused")
          .isEqualTo(200);
    }
    clock.advance(Duration.ofMinutes(10));
    assertThat(holder.post("auth/token/renew-self", "{}").status).isEqualTo(200);

    List<Long> ttls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ttls.add(holder.get("auth/token/lookup-self").data().path("ttl").asLong());
    }

    assertThat(ttls).containsExactlyInAnyOrder(3600L, 3000L, 3000L);
    clock.advance(LAG);
    assertThat(holder.get("auth/token/lookup-self").data().path("ttl").asLong())
        .isBetween(3598L, 3600L);
  }
}
