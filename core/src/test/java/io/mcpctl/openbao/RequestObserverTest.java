package io.mcpctl.openbao;

import static io.mcpctl.openbao.ScriptedServer.json;
import static io.mcpctl.openbao.ScriptedServer.noContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a client tells its {@link RequestObserver}: one exchange per request, each classified. */
class RequestObserverTest {

  private static final VaultToken TOKEN = VaultToken.of("s.ObserverTestToken00000000001");

  record Seen(OpenBaoOperation operation, OpenBaoOutcome outcome, Duration took) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final RequestObserver observer =
      (operation, outcome, took) -> seen.add(new Seen(operation, outcome, took));
  private ScriptedServer server;
  private OpenBaoClient client;

  @BeforeEach
  void start() throws IOException {
    server = ScriptedServer.http();
    client =
        OpenBaoClient.connect(
                OpenBaoConnection.builder(server.address().toString())
                    .requestTimeout(Duration.ofMillis(500))
                    .build(),
                observer)
            .withToken(TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eachCallIsObservedWithItsOperationAndOutcome() {
    server.on(
        "POST",
        "/v1/auth/token/create/mcpctl-team-a.bao-rotator",
        json(403, "{\"errors\":[\"permission denied\"]}"));
    server.on("POST", "/v1/auth/token/revoke-self", noContent());
    server.on("GET", "/v1/secret/data/mcpctl/team-a/health", json(404, "{\"errors\":[]}"));
    server.on("POST", "/v1/secret/data/mcpctl/team-a/health", json(500, "{\"errors\":[\"boom\"]}"));
    server.on("POST", "/v1/auth/token/renew-self", json(429, "{\"errors\":[\"slow down\"]}"));

    assertThatThrownBy(() -> client.createToken("mcpctl-team-a.bao-rotator"))
        .isInstanceOf(TokenRejectedException.class);
    client.revokeSelf();
    client.kv("secret").get("mcpctl/team-a/health");
    assertThatThrownBy(() -> client.kv("secret").put("mcpctl/team-a/health", Map.of()))
        .isInstanceOf(ServerErrorException.class);
    assertThatThrownBy(client::renewSelf).isInstanceOf(RateLimitedException.class);

    assertThat(seen)
        .extracting(Seen::operation, Seen::outcome)
        .containsExactly(
            tuple(OpenBaoOperation.MINT, OpenBaoOutcome.REFUSED),
            tuple(OpenBaoOperation.REVOKE_SELF, OpenBaoOutcome.OK),
            tuple(OpenBaoOperation.KV_READ, OpenBaoOutcome.NOT_FOUND),
            tuple(OpenBaoOperation.KV_WRITE, OpenBaoOutcome.SERVER_ERROR),
            tuple(OpenBaoOperation.RENEW_SELF, OpenBaoOutcome.RATE_LIMITED));
    assertThat(seen).allSatisfy(one -> assertThat(one.took()).isPositive());
  }

  @Test
  void aHealthAnswerReportingASealedNodeIsAnAnswerNotAnError() {
    server.on(
        "GET",
        "/v1/sys/health",
        json(503, "{\"initialized\":true,\"sealed\":true,\"standby\":true}"));
    server.on("GET", "/v1/auth/token/lookup-self", json(503, "{\"errors\":[\"Vault is sealed\"]}"));

    assertThat(client.health().state()).isEqualTo(HealthState.SEALED);
    assertThatThrownBy(client::lookupSelf).isInstanceOf(SealedException.class);

    assertThat(seen)
        .extracting(Seen::operation, Seen::outcome)
        .containsExactly(
            tuple(OpenBaoOperation.HEALTH, OpenBaoOutcome.OK),
            tuple(OpenBaoOperation.LOOKUP_SELF, OpenBaoOutcome.UNAVAILABLE));
  }

  @Test
  void noAnswerIsUnreachableOrATimeout() throws IOException {
    server.on("GET", "/v1/auth/token/lookup-self", server.hang());
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    OpenBaoClient nowhere =
        OpenBaoClient.connect(OpenBaoConnection.of("http://127.0.0.1:" + freePort), observer)
            .withToken(TOKEN);

    assertThatThrownBy(client::lookupSelf).isInstanceOf(UnreachableException.class);
    assertThatThrownBy(nowhere::revokeSelf).isInstanceOf(UnreachableException.class);

    assertThat(seen)
        .extracting(Seen::operation, Seen::outcome)
        .containsExactly(
            tuple(OpenBaoOperation.LOOKUP_SELF, OpenBaoOutcome.TIMEOUT),
            tuple(OpenBaoOperation.REVOKE_SELF, OpenBaoOutcome.UNREACHABLE));
  }

  @Test
  void everyLabelIsLowerSnakeCaseAndNamesNoPath() {
    for (OpenBaoOperation operation : OpenBaoOperation.values()) {
      assertThat(operation.label()).matches("[a-z]+(_[a-z]+)*");
    }
    for (OpenBaoOutcome outcome : OpenBaoOutcome.values()) {
      assertThat(outcome.label()).matches("[a-z]+(_[a-z]+)*");
    }
  }
}
