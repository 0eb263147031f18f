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
 * An active node and two standbys behind one address, taking requests in turn; the standbys run
 * requests on state 500ms behind the active node's and forward those that come to write, as OpenBao
 * 2.5+ standbys on raft storage do.
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

  @Test
  void aStandbyRefusesAMintThroughARoleItHasNotReceivedYet() {
    assertThat(
            root.post(
                    "auth/token/roles/fresh",
                    "{\"allowed_policies\":[\"default\"],\"orphan\":true,\"period\":\"1h\"}")
                .status)
        .isEqualTo(204);

    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(outcome(root.post("auth/token/create/fresh", "{}")));
    }

    assertThat(answers)
        .containsExactlyInAnyOrder("200", "400 unknown role fresh", "400 unknown role fresh");
    assertThat(outcome(onAStandby().get("auth/token/roles/fresh"))).isEqualTo("404");
    clock.advance(LAG);
    for (int i = 0; i < 3; i++) {
      assertThat(root.post("auth/token/create/fresh", "{}").status).isEqualTo(200);
    }
  }

  @Test
  void aStandbyFindsNoTokenBehindAnAccessorIssuedWithinTheLag() {
    String accessor =
        root.post("auth/token/create", "{\"policies\":[\"default\"],\"ttl\":\"1h\"}")
            .json()
            .path("auth")
            .path("accessor")
            .asText();
    String body = "{\"accessor\":\"" + accessor + "\"}";

    assertThat(outcome(onAStandby().post("auth/token/lookup-accessor", body)))
        .as("OpenBao wraps this one in a multierror")
        .isEqualTo("400 1 error occurred:\n\t* invalid accessor\n\n");
    RawBao.Reply revoke = onAStandby().post("auth/token/revoke-accessor", body);
    assertThat(revoke.status).isEqualTo(200);
    assertThat(revoke.json().path("warnings").path(0).asText())
        .isEqualTo("No token found with this accessor");

    clock.advance(LAG);
    assertThat(onAStandby().post("auth/token/lookup-accessor", body).status).isEqualTo(200);
  }

  @Test
  void aNewKvMountIsUnroutedOnAStandbyThenUpgradingUntilItHasLookedAtItsPrimary() {
    assertThat(
            root.post("sys/mounts/fresh", "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}")
                .status)
        .isEqualTo(204);

    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(outcome(root.post("fresh/data/app", "{\"data\":{\"v\":\"one\"}}")));
    }
    String unrouted = "404 no handler for route \"fresh/data/app\". route entry not found.";
    assertThat(answers).containsExactlyInAnyOrder("200", unrouted, unrouted);

    clock.advance(LAG);
    String waiting =
        "400 Waiting for the primary to upgrade from non-versioned to versioned data. This backend"
            + " will be unavailable for a brief period and will resume service when the primary is"
            + " finished.";
    assertThat(outcome(onAStandby().get("fresh/data/app"))).isEqualTo(waiting);
    clock.advance(Duration.ofMillis(999));
    assertThat(outcome(onAStandby().get("fresh/data/app"))).isEqualTo(waiting);
    clock.advance(Duration.ofMillis(1));
    for (int i = 0; i < 3; i++) {
      assertThat(root.get("fresh/data/app").status).isEqualTo(200);
    }
  }

  @Test
  void aStandbyJudgesCheckAndSetAndShowsMetadataAndListsByTheVersionsThatReachedIt() {
    assertThat(root.post("secret/data/app", "{\"data\":{\"v\":\"one\"}}").status).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(root.post("secret/data/app", "{\"data\":{\"v\":\"two\"}}").status).isEqualTo(200);
    assertThat(root.post("secret/data/new", "{\"data\":{\"v\":\"one\"}}").status).isEqualTo(200);

    assertThat(onAStandby().get("secret/metadata/app").data().path("current_version").asLong())
        .isEqualTo(1);
    assertThat(outcome(onAStandby().get("secret/metadata/new"))).isEqualTo("404");
    assertThat(onAStandby().list("secret/metadata/").data().path("keys").toString())
        .isEqualTo("[\"app\"]");
    assertThat(
            outcome(
                onAStandby()
                    .post("secret/data/app", "{\"options\":{\"cas\":2},\"data\":{\"v\":\"3\"}}")))
        .isEqualTo("400 check-and-set parameter did not match the current version");

    clock.advance(LAG);
    assertThat(onAStandby().get("secret/metadata/app").data().path("current_version").asLong())
        .isEqualTo(2);
    assertThat(
            onAStandby()
                .post("secret/data/app", "{\"options\":{\"cas\":2},\"data\":{\"v\":\"3\"}}")
                .status)
        .isEqualTo(200);
  }

  /** The root client, its next request going to a standby: the nodes take requests in turn. */
  private RawBao onAStandby() {
    for (int i = 0; i < 3; i++) {
      if (root.get("sys/health").status == 200) {
        return root;
      }
    }
    throw new AssertionError("no node answered as the active one");
  }

  /** The status, and the first error when there is one. */
  private static String outcome(RawBao.Reply reply) {
    String error = reply.status >= 400 ? reply.json().path("errors").path(0).asText("") : "";
    return error.isEmpty() ? String.valueOf(reply.status) : reply.status + " " + error;
  }
}
