package io.mcpctl.sandbox.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection, the request log and the admin API. */
class StandInFaultsAndAdminIT {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private OpenBaoStandIn standIn;
  private RawBao root;

  @BeforeEach
  void start() {
    standIn = OpenBaoStandIn.start(StandInOptions.defaults().clock(clock));
    root = RawBao.of(standIn);
  }

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void aStatusFaultAppliesToMatchingRequestsForItsCount() {
    standIn.faults().add(Fault.on("POST", "auth/token/create/.*").respond(503).times(2).build());
    assertThat(root.post("auth/token/create/r", "{}").toString())
        .isEqualTo("503 {\"errors\":[\"Vault is sealed\"]}\n");
    assertThat(root.get("auth/token/lookup-self").status).isEqualTo(200);
    assertThat(root.post("auth/token/create/r", "{}").status).isEqualTo(503);
    assertThat(root.post("auth/token/create/r", "{}").toString())
        .isEqualTo("400 {\"errors\":[\"unknown role r\"]}\n");
    assertThat(standIn.faults().active()).isEmpty();
  }

  @Test
  void rateLimitFaultCarriesRetryAfterOnlyWithResponseHeadersOn() {
    String id =
        standIn.faults().add(Fault.on("*", "secret/.*").rateLimited(Duration.ofSeconds(3)).build());
    RawBao.Reply reply = root.get("secret/data/x");
    assertThat(reply.toString())
        .isEqualTo(
            "429 {\"errors\":[\"request path \\\"secret/data/x\\\": rate limit quota exceeded\"]}\n");
    // OpenBao's default (http/util.go): no Retry-After until the headers are switched on.
    assertThat(reply.header("Retry-After")).isNull();
    assertThat(
            root.post("sys/quotas/config", "{\"enable_rate_limit_response_headers\": true}").status)
        .isEqualTo(204);
    reply = root.get("secret/data/x");
    assertThat(reply.header("Retry-After")).isEqualTo("3");
    assertThat(root.get("secret/data/y").status).isEqualTo(429);
    assertThat(standIn.faults().remove(id)).isTrue();
    assertThat(root.get("secret/data/y").status).isEqualTo(404);
  }

  @Test
  void delayAndDroppedConnectionReachTheClient() throws Exception {
    standIn
        .faults()
        .add(Fault.on("GET", "sys/health").delay(Duration.ofMillis(1500)).times(1).build());
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(standIn.address().resolve("/v1/sys/health"))
            .timeout(Duration.ofMillis(300))
            .build();
    assertThatThrownBy(() -> http.send(health, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);

    standIn.faults().add(Fault.on("POST", "auth/token/create").dropConnection().times(1).build());
    assertThatThrownBy(() -> root.post("auth/token/create", "{}"))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(root.post("auth/token/create", "{\"ttl\":\"1h\"}").status).isEqualTo(200);
    assertThat(standIn.requestLog().entries())
        .anySatisfy(record -> assertThat(record.status()).isZero());
  }

  @Test
  void requestLogKeepsMethodPathStatusButNeverATokenValue() {
    String token = standIn.rootToken().reveal();
    root.header("X-Vault-Namespace", "ns1/").get("secret/data/x");
    root.get("auth/token/lookup/" + token);
    root.list("secret/metadata/");
    assertThat(standIn.requestLog().entries())
        .extracting(RequestRecord::method, RequestRecord::path, RequestRecord::status)
        .containsExactly(
            tuple("GET", "/v1/secret/data/x", 404),
            tuple("GET", "/v1/auth/token/lookup/<redacted>", 404),
            tuple("LIST", "/v1/secret/metadata/", 404));
    assertThat(standIn.requestLog().entries().get(0).namespace()).contains("ns1/");
    assertThat(standIn.requestLog().entries().get(0).tokenPresented()).isTrue();
    assertThat(standIn.requestLog().entries().toString()).doesNotContain(token);
    assertThat(root.get("/_sandbox/requests").body).doesNotContain(token).contains("<redacted>");
  }

  @Test
  void adminApiNeedsTheRootTokenAndDrivesTheServer() {
    assertThat(root.as(null).post("/_sandbox/seal", null).status).isEqualTo(403);
    assertThat(root.as("s.wrong").post("/_sandbox/seal", null).status).isEqualTo(403);

    assertThat(root.post("/_sandbox/seal", null).status).isEqualTo(204);
    assertThat(root.get("secret/data/x").status).isEqualTo(503);
    assertThat(root.post("/_sandbox/unseal", null).status).isEqualTo(204);
    assertThat(root.post("/_sandbox/standby", "{\"standby\":true}").status).isEqualTo(204);
    assertThat(root.as(null).get("sys/health").status).isEqualTo(429);
    assertThat(root.post("/_sandbox/standby", "{}").status).isEqualTo(400);

    JsonNode fault =
        root.post(
                "/_sandbox/faults",
                "{\"method\":\"GET\",\"path\":\"secret/.*\",\"status\":500,\"times\":1}")
            .json();
    assertThat(root.get("/_sandbox/faults").json().path("faults").get(0).path("id").asText())
        .isEqualTo(fault.path("id").asText());
    assertThat(root.get("secret/data/x").toString())
        .isEqualTo("500 {\"errors\":[\"1 error occurred:\\n\\t* internal error\\n\\n\"]}\n");
    assertThat(root.get("/_sandbox/faults").json().path("faults")).isEmpty();

    JsonNode advanced = root.post("/_sandbox/clock/advance", "{\"duration\":\"90m\"}").json();
    assertThat(advanced.path("now").asText()).isEqualTo("2026-03-01T11:30:00Z");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T11:30:00Z"));

    assertThat(root.get("/_sandbox/tokens").json().path("tokens").get(0).path("path").asText())
        .isEqualTo("auth/token/root");
    assertThat(root.get("/_sandbox/tokens").body).doesNotContain(standIn.rootToken().reveal());
    assertThat(root.get("/_sandbox/nothing").status).isEqualTo(404);
  }

  @Test
  void anAccessorEntryLeftByAnInterruptedRevocationIsListedButNamesNoToken() {
    String accessor =
        root.post("auth/token/create", "{\"policies\":[\"default\"]}")
            .json()
            .path("auth")
            .path("accessor")
            .asText();

    assertThat(standIn.revokeLeavingAccessorEntry(accessor)).isTrue();

    assertThat(root.list("auth/token/accessors").json().path("data").path("keys").toString())
        .contains(accessor);
    assertThat(
            root.post("auth/token/lookup-accessor", "{\"accessor\":\"" + accessor + "\"}")
                .toString())
        .isEqualTo("403 {\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}\n");
    assertThat(
            root.post("auth/token/revoke-accessor", "{\"accessor\":\"" + accessor + "\"}")
                .toString())
        .isEqualTo("400 {\"errors\":[\"token not found\"]}\n");
    assertThat(standIn.tokenByAccessor(accessor)).isEmpty();
    assertThat(standIn.revokeLeavingAccessorEntry(accessor)).as("no live token has it").isFalse();
  }

  @Test
  void clockAdvanceNeedsAMutableClock() {
    try (OpenBaoStandIn fixed =
        OpenBaoStandIn.start(StandInOptions.defaults().clock(Clock.systemUTC()))) {
      RawBao.Reply reply =
          RawBao.of(fixed).post("/_sandbox/clock/advance", "{\"duration\":\"1h\"}");
      assertThat(reply.status).isEqualTo(409);
    }
  }

  @Test
  void theStandInListensOnLoopbackOnly() {
    URI address = standIn.address();
    assertThat(address.getHost()).isEqualTo("127.0.0.1");
    assertThat(address.getPort()).isPositive();
  }

  @Test
  void noTokenValueReachesStandardOutputOrError() {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    String minted;
    try {
      System.setOut(capture);
      System.setErr(capture);
      minted =
          root.post("auth/token/create", "{\"ttl\":\"1h\"}")
              .json()
              .path("auth")
              .path("client_token")
              .asText();
      root.as(minted).get("auth/token/lookup-self");
      root.as(minted).post("auth/token/revoke-self", null);
      root.as(minted).get("auth/token/lookup-self");
      root.get("auth/token/lookup/" + minted);
      root.post("/_sandbox/faults", "{\"path\":\"x\",\"status\":500}");
      root.get("/_sandbox/requests");
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(output).doesNotContain(minted).doesNotContain(standIn.rootToken().reveal());
    assertThat(standIn.requestLog().entries().toString()).doesNotContain(minted);
  }
}
