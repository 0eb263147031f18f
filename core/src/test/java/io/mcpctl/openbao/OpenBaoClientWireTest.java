package io.mcpctl.openbao;

import static io.mcpctl.openbao.ScriptedServer.cut;
import static io.mcpctl.openbao.ScriptedServer.envelope;
import static io.mcpctl.openbao.ScriptedServer.json;
import static io.mcpctl.openbao.ScriptedServer.noContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's HTTP mapping, against a scripted loopback server. */
class OpenBaoClientWireTest {

  private static final VaultToken TOKEN = VaultToken.of("s.WireTestToken0000000000001");
  private static final String HEALTH_BODY =
      "{\"initialized\":true,\"sealed\":false,\"standby\":false,\"version\":\"2.6.2\"}";
  private static final String LOOKUP =
      envelope(
          "{\"accessor\":\"acc-1\",\"creation_time\":1755500000,\"creation_ttl\":2592000,"
              + "\"expire_time\":\"2025-09-17T07:33:20Z\",\"explicit_max_ttl\":0,"
              + "\"id\":\"s.WireTestToken0000000000001\",\"orphan\":true,"
              + "\"policies\":[\"default\",\"mcpctl-bao\"],\"renewable\":true,"
              + "\"role\":\"mcpctl-bao-rotator\",\"ttl\":2592000,\"type\":\"service\"}");

  private ScriptedServer server;
  private OpenBaoClient client;

  @BeforeEach
  void start() throws IOException {
    server = ScriptedServer.http();
    client =
        OpenBaoClient.connect(
                OpenBaoConnection.builder(server.address().toString())
                    .namespace("team-a/")
                    .requestTimeout(Duration.ofSeconds(5))
                    .build())
            .withToken(TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void sendsTheTokenAndTheNamespaceOnApiCalls() {
    server.on("GET", "/v1/auth/token/lookup-self", json(200, LOOKUP));

    TokenInfo info = client.lookupSelf();

    assertThat(info.accessor()).isEqualTo("acc-1");
    assertThat(info.role()).contains("mcpctl-bao-rotator");
    ScriptedServer.Recorded request = only("GET", "/v1/auth/token/lookup-self");
    assertThat(request.headers().getFirst("X-Vault-Token")).isEqualTo(TOKEN.reveal());
    assertThat(request.headers().getFirst("X-Vault-Namespace")).isEqualTo("team-a/");
  }

  @Test
  void sendsNeitherTokenNorNamespaceToHealthOrSealStatus() {
    server.on("GET", "/v1/sys/health", json(200, HEALTH_BODY));
    server.on(
        "GET",
        "/v1/sys/seal-status",
        json(
            200,
            "{\"type\":\"shamir\",\"initialized\":true,\"sealed\":false,\"t\":1,\"n\":1,"
                + "\"progress\":0,\"version\":\"2.6.2\"}"));

    assertThat(client.health().state()).isEqualTo(HealthState.ACTIVE);
    assertThat(client.sealStatus().sealed()).isFalse();

    assertThat(server.requests())
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.headers().containsKey("X-Vault-Token")).isFalse();
              assertThat(r.headers().containsKey("X-Vault-Namespace")).isFalse();
            });
  }

  @Test
  void classifiesSealedStandbyAndUninitialisedFromHealth() {
    server.on(
        "GET",
        "/v1/sys/health",
        json(503, "{\"initialized\":true,\"sealed\":true,\"standby\":true}"),
        json(429, "{\"initialized\":true,\"sealed\":false,\"standby\":true}"),
        json(501, "{\"initialized\":false,\"sealed\":true,\"standby\":true}"));

    assertThat(client.health().state()).isEqualTo(HealthState.SEALED);
    assertThat(client.health().state()).isEqualTo(HealthState.STANDBY);
    assertThat(client.health().state()).isEqualTo(HealthState.UNINITIALISED);
  }

  @Test
  void reportsNothingListeningAsUnreachable() throws IOException {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    OpenBaoClient nowhere =
        OpenBaoClient.connect(OpenBaoConnection.of("http://127.0.0.1:" + freePort))
            .withToken(TOKEN);

    assertThat(nowhere.health().state()).isEqualTo(HealthState.UNREACHABLE);
    assertThatThrownBy(nowhere::lookupSelf)
        .isInstanceOfSatisfying(
            UnreachableException.class,
            e -> assertThat(e.reason()).isEqualTo(UnreachableException.Reason.CONNECTION_REFUSED))
        .hasMessageContaining("127.0.0.1:" + freePort);
  }

  @Test
  void listsWithTheListMethodAndATrailingSlash() {
    server.on(
        "LIST",
        "/v1/secret/metadata/mcpctl/team-a/",
        json(200, envelope("{\"keys\":[\"github\",\"nested/\"]}")));
    server.on("LIST", "/v1/secret/metadata/mcpctl/empty/", json(404, "{\"errors\":[]}"));
    server.on("LIST", "/v1/secret/metadata/", json(200, envelope("{\"keys\":[\"mcpctl/\"]}")));

    assertThat(client.kv("secret").list("mcpctl/team-a")).containsExactly("github", "nested/");
    assertThat(client.kv("secret").list("mcpctl/empty")).isEmpty();
    assertThat(client.kv("secret").list("")).containsExactly("mcpctl/");
    assertThat(client.kv("secret").list("mcpctl/team-a/"))
        .as("a folder as a listing returns it")
        .containsExactly("github", "nested/");
  }

  @Test
  void writesJsonWithContentTypeEncodedNamesAndCheckAndSet() throws Exception {
    String written =
        envelope(
            "{\"version\":4,\"created_time\":\"2025-08-18T07:33:20.5Z\",\"deletion_time\":\"\","
                + "\"destroyed\":false,\"custom_metadata\":null}");
    server.on("POST", "/v1/secret/data/mcpctl/team-a/my%20secret", json(200, written));

    KvVersionMetadata version =
        client.kv("secret").put("mcpctl/team-a/my secret", Map.of("password", "pw"), 3);

    assertThat(version.version()).isEqualTo(4);
    assertThat(version.deletionTime()).isEmpty();
    ScriptedServer.Recorded request = only("POST", "/v1/secret/data/mcpctl/team-a/my%20secret");
    assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
    JsonNode body = Json.MAPPER.readTree(request.body());
    assertThat(body.path("data").path("password").asText()).isEqualTo("pw");
    assertThat(body.path("options").path("cas").asLong()).isEqualTo(3);
  }

  @Test
  void aWriteWithoutCheckAndSetSendsNoOptions() throws Exception {
    server.on(
        "POST",
        "/v1/secret/data/mcpctl/x",
        json(
            200,
            envelope(
                "{\"version\":1,\"created_time\":\"2025-08-18T07:33:20Z\","
                    + "\"deletion_time\":\"\",\"destroyed\":false}")));

    client.kv("secret").put("mcpctl/x", Map.of("k", "v"));

    assertThat(Json.MAPPER.readTree(only("POST", "/v1/secret/data/mcpctl/x").body()).has("options"))
        .isFalse();
  }

  @Test
  void tellsAPresentSecretFromADeletedOneAndOneThatNeverExisted() {
    server.on(
        "GET",
        "/v1/secret/data/mcpctl/present",
        json(
            200,
            envelope(
                "{\"data\":{\"user\":\"u\",\"port\":5432},\"metadata\":{"
                    + "\"created_time\":\"2025-08-18T07:33:20Z\",\"custom_metadata\":null,"
                    + "\"deletion_time\":\"\",\"destroyed\":false,\"version\":2}}")));
    server.on(
        "GET",
        "/v1/secret/data/mcpctl/deleted",
        json(
            404,
            envelope(
                "{\"data\":null,\"metadata\":{\"created_time\":\"2025-08-18T07:33:20Z\","
                    + "\"custom_metadata\":null,\"deletion_time\":\"2025-08-19T07:33:20Z\","
                    + "\"destroyed\":false,\"version\":3}}")));
    server.on(
        "GET",
        "/v1/secret/data/mcpctl/destroyed",
        json(
            404,
            envelope(
                "{\"data\":null,\"metadata\":{\"created_time\":\"2025-08-18T07:33:20Z\","
                    + "\"custom_metadata\":null,\"deletion_time\":\"\",\"destroyed\":true,\"version\":1}}")));
    server.on("GET", "/v1/secret/data/mcpctl/never", json(404, "{\"errors\":[]}"));

    KvV2 kv = client.kv("secret");
    KvSecret present = kv.get("mcpctl/present");
    assertThat(present.state()).isEqualTo(KvSecret.State.PRESENT);
    assertThat(present.data()).containsEntry("user", "u").containsEntry("port", "5432");
    assertThat(present.metadata()).get().extracting(KvVersionMetadata::version).isEqualTo(2L);

    KvSecret deleted = kv.get("mcpctl/deleted");
    assertThat(deleted.state()).isEqualTo(KvSecret.State.SOFT_DELETED);
    assertThat(deleted.data()).isEmpty();
    assertThat(deleted.metadata()).get().extracting(KvVersionMetadata::version).isEqualTo(3L);

    assertThat(kv.get("mcpctl/destroyed").state()).isEqualTo(KvSecret.State.DESTROYED);

    KvSecret never = kv.get("mcpctl/never");
    assertThat(never.state()).isEqualTo(KvSecret.State.NEVER_EXISTED);
    assertThat(never.metadata()).isEmpty();
  }

  @Test
  void aReadOnAMountThatIsNotKvV2IsNotFoundWithOpenBaosWarning() {
    server.on(
        "GET",
        "/v1/kv1/data/mcpctl/x",
        json(
            404,
            "{\"request_id\":\"r\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
                + "\"data\":null,\"wrap_info\":null,\"warnings\":[\"Invalid path for a versioned K/V"
                + " secrets engine.\"],\"auth\":null}"));

    assertThatThrownBy(() -> client.kv("kv1").get("mcpctl/x"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Invalid path for a versioned K/V")
        .hasMessageContaining("KV v2 mount");
  }

  @Test
  void softDeleteAndMetadataDeleteUseTheirOwnPathsAndAccept204() {
    server.on("DELETE", "/v1/secret/data/mcpctl/x", noContent());
    server.on("DELETE", "/v1/secret/metadata/mcpctl/x", noContent());

    client.kv("secret").softDelete("mcpctl/x");
    client.kv("secret").deleteMetadata("mcpctl/x");

    assertThat(server.requests())
        .extracting(ScriptedServer.Recorded::rawPath)
        .containsExactly("/v1/secret/data/mcpctl/x", "/v1/secret/metadata/mcpctl/x");
  }

  @Test
  void theHealthCheckRoundTripWritesAndReadsBackTheFixedKey() throws Exception {
    String path = "/v1/secret/data/mcpctl/.mcpctl-healthcheck";
    server.on(
        "POST",
        path,
        json(
            200,
            envelope(
                "{\"version\":7,\"created_time\":\"2025-08-18T07:33:20Z\","
                    + "\"deletion_time\":\"\",\"destroyed\":false}")));
    // The read answers whatever was written last, so the probe value must round-trip.
    server.on(
        "GET",
        path + "?version=7",
        exchange -> {
          String lastWrite =
              server.requests().stream()
                  .filter(r -> r.method().equals("POST"))
                  .reduce((a, b) -> b)
                  .orElseThrow()
                  .body();
          JsonNode data = Json.MAPPER.readTree(lastWrite).path("data");
          json(
                  200,
                  envelope(
                      "{\"data\":"
                          + data
                          + ",\"metadata\":{\"created_time\":"
                          + "\"2025-08-18T07:33:20Z\",\"deletion_time\":\"\",\"destroyed\":false,"
                          + "\"version\":7}}"))
              .answer(exchange);
        });

    KvVersionMetadata written = client.kv("secret").healthCheckRoundTrip("mcpctl");

    assertThat(written.version()).isEqualTo(7);
    assertThat(server.requests())
        .extracting(ScriptedServer.Recorded::method)
        .containsExactly("POST", "GET");
  }

  @Test
  void theHealthCheckRoundTripFailsWhenTheValueReadBackDiffers() {
    String path = "/v1/secret/data/mcpctl/.mcpctl-healthcheck";
    server.on(
        "POST",
        path,
        json(
            200,
            envelope(
                "{\"version\":1,\"created_time\":\"2025-08-18T07:33:20Z\","
                    + "\"deletion_time\":\"\",\"destroyed\":false}")));
    server.on(
        "GET",
        path + "?version=1",
        json(
            200,
            envelope(
                "{\"data\":{\"probe\":\"stale\"},\"metadata\":{\"created_time\":"
                    + "\"2025-08-18T07:33:20Z\",\"deletion_time\":\"\",\"destroyed\":false,\"version\":1}}")));

    assertThatThrownBy(() -> client.kv("secret").healthCheckRoundTrip("mcpctl"))
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("secret/data/mcpctl/.mcpctl-healthcheck")
        .hasMessageNotContaining("stale");
  }

  @Test
  void policiesAnswer404AsAbsentAnd204AsDone() throws Exception {
    server.on("GET", "/v1/sys/policies/acl/missing", json(404, "{\"errors\":[]}"));
    server.on(
        "GET",
        "/v1/sys/policies/acl/mcpctl-bao",
        json(
            200,
            envelope(
                "{\"name\":\"mcpctl-bao\",\"policy\":\"path \\\"x\\\" {}\","
                    + "\"version\":1,\"cas_required\":false}")));
    server.on("PUT", "/v1/sys/policies/acl/mcpctl-bao", noContent());
    server.on("DELETE", "/v1/sys/policies/acl/mcpctl-bao", noContent());

    assertThat(client.readPolicy("missing")).isEmpty();
    assertThat(client.readPolicy("mcpctl-bao"))
        .contains(new AclPolicy("mcpctl-bao", "path \"x\" {}"));
    client.writePolicy("mcpctl-bao", "path \"y\" {}");
    client.deletePolicy("mcpctl-bao");

    assertThat(
            Json.MAPPER
                .readTree(only("PUT", "/v1/sys/policies/acl/mcpctl-bao").body())
                .path("policy")
                .asText())
        .isEqualTo("path \"y\" {}");
  }

  @Test
  void readsAndWritesTokenRoles() throws Exception {
    server.on("GET", "/v1/auth/token/roles/absent", json(404, "{\"errors\":[]}"));
    server.on(
        "GET",
        "/v1/auth/token/roles/mcpctl-bao-rotator",
        json(
            200,
            envelope(
                "{\"allowed_policies\":[\"mcpctl-bao\"],\"orphan\":false,"
                    + "\"renewable\":true,\"token_period\":86400,\"token_type\":\"default-service\"}")));
    server.on("POST", "/v1/auth/token/roles/mcpctl-bao-rotator", noContent());

    assertThat(client.readTokenRole("absent")).isEmpty();
    TokenRole role = client.readTokenRole("mcpctl-bao-rotator").orElseThrow();
    assertThat(role.name())
        .as("named after the path when OpenBao omits it")
        .isEqualTo("mcpctl-bao-rotator");
    assertThat(role.orphan()).isFalse();
    assertThat(role.tokenPeriod()).isEqualTo(Duration.ofDays(1));

    client.writeTokenRole(role);

    JsonNode body =
        Json.MAPPER.readTree(only("POST", "/v1/auth/token/roles/mcpctl-bao-rotator").body());
    assertThat(body.path("token_period").asLong()).isEqualTo(86400);
    assertThat(body.path("orphan").asBoolean()).isFalse();
  }

  @Test
  void mintsAgainstARoleAndReadsTheAuthBlockAndWarnings() {
    server.on(
        "POST",
        "/v1/auth/token/create/mcpctl-bao-rotator",
        json(
            200,
            "{\"request_id\":\"r\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
                + "\"data\":null,\"wrap_info\":null,\"warnings\":[\"Policy \\\"x\\\" does not exist\"],"
                + "\"auth\":{\"client_token\":\"s.MintedToken00000000000001\",\"accessor\":\"acc-2\","
                + "\"policies\":[\"default\",\"mcpctl-bao\"],\"token_policies\":[\"default\",\"mcpctl-bao\"],"
                + "\"metadata\":null,\"lease_duration\":2592000,\"renewable\":true,\"entity_id\":\"\","
                + "\"token_type\":\"service\",\"orphan\":true,\"mfa_requirement\":null,\"num_uses\":0}}"));

    IssuedToken minted = client.createToken("mcpctl-bao-rotator");

    assertThat(minted.clientToken().reveal()).isEqualTo("s.MintedToken00000000000001");
    assertThat(minted.accessor()).isEqualTo("acc-2");
    assertThat(minted.orphan()).isTrue();
    assertThat(minted.leaseDuration()).isEqualTo(Duration.ofHours(720));
    assertThat(minted.warnings()).containsExactly("Policy \"x\" does not exist");
  }

  @Test
  void createsChildAndOrphanTokensThroughTheirOwnEndpoints() throws Exception {
    String auth =
        "{\"auth\":{\"client_token\":\"s.Child\",\"accessor\":\"a\",\"policies\":[],"
            + "\"lease_duration\":60,\"renewable\":true,\"token_type\":\"service\",\"orphan\":false}}";
    server.on("POST", "/v1/auth/token/create", json(200, auth));
    server.on("POST", "/v1/auth/token/create-orphan", json(200, auth));

    client.createToken(
        TokenCreateRequest.builder().policies(List.of("p")).ttl(Duration.ofMinutes(1)).build());
    client.createToken(TokenCreateRequest.builder().orphanEndpoint().build());

    JsonNode child = Json.MAPPER.readTree(only("POST", "/v1/auth/token/create").body());
    assertThat(child.path("ttl").asText()).isEqualTo("60s");
    assertThat(child.path("policies").get(0).asText()).isEqualTo("p");
    assertThat(only("POST", "/v1/auth/token/create-orphan").body()).isEqualTo("{}");
  }

  @Test
  void tellsARejectedTokenFromAnAclDenialOverTheWire() {
    server.on(
        "GET", "/v1/auth/token/lookup-self", json(403, "{\"errors\":[\"permission denied\"]}"));
    server.on(
        "GET",
        "/v1/sys/mounts/secret",
        json(403, "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}"));

    assertThatThrownBy(client::lookupSelf).isInstanceOf(TokenRejectedException.class);
    assertThatThrownBy(() -> client.readMount("secret"))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage(
            "OpenBao denied GET sys/mounts/secret: the token's policies do not allow it"
                + " (permission denied).");
  }

  @Test
  void aSealedServerAnswers503() {
    server.on("POST", "/v1/auth/token/renew-self", json(503, "{\"errors\":[\"Vault is sealed\"]}"));

    assertThatThrownBy(client::renewSelf).isInstanceOf(SealedException.class);
  }

  @Test
  void aRateLimitCarriesRetryAfter() {
    server.on(
        "POST",
        "/v1/secret/data/mcpctl/x",
        json(
            429,
            "{\"errors\":[\"request path \\\"secret/data/mcpctl/x\\\": rate limit quota exceeded\"]}",
            "Retry-After",
            "3",
            "X-RateLimit-Limit",
            "10"));

    assertThatThrownBy(() -> client.kv("secret").put("mcpctl/x", Map.of("k", "v")))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
  }

  @Test
  void aGetCutOnceIsRetriedAndSucceeds() {
    server.on("GET", "/v1/auth/token/lookup-self", cut(), json(200, LOOKUP));

    assertThat(client.lookupSelf().accessor()).isEqualTo("acc-1");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void aGetCutEveryTimeIsSentExactlyTwice() {
    server.on("GET", "/v1/auth/token/lookup-self", cut());

    assertThatThrownBy(client::lookupSelf)
        .isInstanceOfSatisfying(
            UnreachableException.class,
            e -> assertThat(e.reason()).isEqualTo(UnreachableException.Reason.CONNECTION_RESET));
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void aListCutOnceIsRetriedAndSucceeds() {
    server.on(
        "LIST", "/v1/secret/metadata/mcpctl/", cut(), json(200, envelope("{\"keys\":[\"a\"]}")));

    assertThat(client.kv("secret").list("mcpctl")).containsExactly("a");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void aMintCutBeforeTheAnswerIsNeverRetried() {
    server.on("POST", "/v1/auth/token/create/mcpctl-bao-rotator", cut());

    assertThatThrownBy(() -> client.createToken("mcpctl-bao-rotator"))
        .isInstanceOf(UnreachableException.class);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aWriteCutBeforeTheAnswerIsNeverRetried() {
    server.on("POST", "/v1/secret/data/mcpctl/x", cut());

    assertThatThrownBy(() -> client.kv("secret").put("mcpctl/x", Map.of("k", "v")))
        .isInstanceOf(UnreachableException.class);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void anAnswerSlowerThanTheRequestTimeoutIsATimeout() {
    OpenBaoClient impatient =
        OpenBaoClient.connect(
                OpenBaoConnection.builder(server.address().toString())
                    .requestTimeout(Duration.ofMillis(300))
                    .build())
            .withToken(TOKEN);
    server.on("POST", "/v1/auth/token/revoke-self", server.hang());

    assertThatThrownBy(impatient::revokeSelf)
        .isInstanceOfSatisfying(
            UnreachableException.class,
            e -> assertThat(e.reason()).isEqualTo(UnreachableException.Reason.REQUEST_TIMEOUT));
  }

  @Test
  void anAnswerWhoseBodyTricklesInEndsAtTheRequestTimeout() {
    OpenBaoClient impatient = clientWith(builder -> builder.requestTimeout(Duration.ofMillis(300)));
    server.on("GET", "/v1/auth/token/lookup-self", server.trickle(20));

    assertThatThrownBy(impatient::lookupSelf)
        .isInstanceOfSatisfying(
            UnreachableException.class,
            e -> assertThat(e.reason()).isEqualTo(UnreachableException.Reason.REQUEST_TIMEOUT));
  }

  @Test
  void anAnswerLongerThanTheLimitIsRefusedWithoutQuotingIt() {
    OpenBaoClient limited =
        clientWith(
            builder -> builder.maxAnswerBytes(64 * 1024).requestTimeout(Duration.ofSeconds(5)));
    String filler = "s.FillerThatMustNotBeQuoted".repeat(40_000);
    server.on("GET", "/v1/auth/token/lookup-self", json(200, "{\"data\":\"" + filler + "\"}"));

    assertThatThrownBy(limited::lookupSelf)
        .isInstanceOfSatisfying(
            UnexpectedResponseException.class,
            e -> {
              assertThat(e.status()).isEqualTo(200);
              assertThat(e.getMessage())
                  .contains("more than 64 KiB")
                  .doesNotContain("FillerThatMustNotBeQuoted");
            });
    server.on("GET", "/v1/auth/token/lookup-self", json(200, LOOKUP));
    assertThat(limited.lookupSelf().accessor())
        .as("an answer within the limit still reads")
        .isNotBlank();
  }

  @Test
  void aRefusalLongerThanTheLimitIsStillTheRefusalItsStatusSays() {
    OpenBaoClient limited = clientWith(builder -> builder.maxAnswerBytes(1024));
    server.on(
        "POST",
        "/v1/auth/token/create/role",
        json(504, "{\"errors\":[\"" + "x".repeat(4096) + "\"]}"));
    server.on(
        "GET",
        "/v1/auth/token/lookup-self",
        json(429, "{\"errors\":[\"" + "y".repeat(4096) + "\"]}", "Retry-After", "7"));

    assertThatThrownBy(() -> limited.createToken("role"))
        .isInstanceOfSatisfying(
            ServerErrorException.class, e -> assertThat(e.status()).isEqualTo(504));
    assertThatThrownBy(limited::lookupSelf)
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
  }

  private OpenBaoClient clientWith(UnaryOperator<OpenBaoConnection.Builder> settings) {
    return OpenBaoClient.connect(
            settings.apply(OpenBaoConnection.builder(server.address().toString())).build())
        .withToken(TOKEN);
  }

  @Test
  void revokeAccessorReportsWhetherOpenBaoFoundTheToken() throws Exception {
    server.on(
        "POST",
        "/v1/auth/token/revoke-accessor",
        noContent(),
        json(
            200,
            "{\"request_id\":\"r\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
                + "\"data\":null,\"wrap_info\":null,\"warnings\":[\"No token found with this accessor\"],"
                + "\"auth\":null}"));

    assertThat(client.revokeAccessor("acc-1")).isTrue();
    assertThat(client.revokeAccessor("acc-gone")).isFalse();
    assertThat(Json.MAPPER.readTree(server.requests().get(0).body()).path("accessor").asText())
        .isEqualTo("acc-1");
  }

  @Test
  void lookupAccessorOfAnUnknownAccessorIsEmpty() {
    server.on(
        "POST",
        "/v1/auth/token/lookup-accessor",
        json(400, "{\"errors\":[\"1 error occurred:\\n\\t* invalid accessor\\n\\n\"]}"));

    assertThat(client.lookupAccessor("acc-gone")).isEmpty();
  }

  @Test
  void revokeSelfAccepts204() {
    server.on("POST", "/v1/auth/token/revoke-self", noContent());

    client.revokeSelf();

    assertThat(only("POST", "/v1/auth/token/revoke-self").body()).isEmpty();
  }

  @Test
  void renewSelfSendsTheIncrementWhenGiven() throws Exception {
    String auth =
        "{\"auth\":{\"client_token\":\"s.WireTestToken0000000000001\",\"accessor\":\"acc-1\","
            + "\"policies\":[\"default\"],\"lease_duration\":3600,\"renewable\":true,"
            + "\"token_type\":\"service\",\"orphan\":true},\"warnings\":null}";
    server.on("POST", "/v1/auth/token/renew-self", json(200, auth));

    IssuedToken renewed = client.renewSelf(Duration.ofHours(1));

    assertThat(renewed.leaseDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(
            Json.MAPPER
                .readTree(only("POST", "/v1/auth/token/renew-self").body())
                .path("increment")
                .asText())
        .isEqualTo("3600s");
  }

  @Test
  void readsCapabilitiesForSeveralPaths() {
    server.on(
        "POST",
        "/v1/sys/capabilities-self",
        json(
            200,
            envelope(
                "{\"sys/mounts/secret\":[\"read\",\"update\"],"
                    + "\"auth/token/roles/r\":[\"deny\"]}")));

    Map<String, Set<String>> capabilities =
        client.capabilitiesSelf(List.of("sys/mounts/secret", "auth/token/roles/r"));

    assertThat(capabilities)
        .containsEntry("sys/mounts/secret", Set.of("read", "update"))
        .containsEntry("auth/token/roles/r", Set.of("deny"));
  }

  @Test
  void readsOneMountOrReportsThatNoneIsThere() {
    server.on(
        "GET",
        "/v1/sys/mounts/secret",
        json(
            200,
            envelope("{\"type\":\"kv\",\"options\":{\"version\":\"2\"},\"accessor\":\"kv_1\"}")));
    server.on(
        "GET",
        "/v1/sys/mounts/absent",
        json(400, "{\"errors\":[\"No secret engine mount at absent/\"]}"));
    server.on(
        "GET",
        "/v1/sys/internal/ui/mounts/secret",
        json(
            200,
            envelope("{\"path\":\"secret/\",\"type\":\"kv\",\"options\":{\"version\":\"1\"}}")));

    assertThat(client.readMount("secret"))
        .get()
        .extracting(MountInfo::kind)
        .isEqualTo(MountKind.KV_V2);
    assertThat(client.readMount("absent")).isEmpty();
    MountInfo preflight = client.readMountPreflight("secret");
    assertThat(preflight.path()).contains("secret/");
    assertThat(preflight.kind()).isEqualTo(MountKind.KV_V1);
  }

  @Test
  void enablesAKvV2Mount() throws Exception {
    server.on("POST", "/v1/sys/mounts/secret", noContent());

    client.enableKvV2("secret", "mcpctl secrets");

    JsonNode body = Json.MAPPER.readTree(only("POST", "/v1/sys/mounts/secret").body());
    assertThat(body.path("type").asText()).isEqualTo("kv");
    assertThat(body.path("options").path("version").asText()).isEqualTo("2");
  }

  @Test
  void aViewWithAnotherTokenLeavesTheOriginalUnchanged() {
    server.on("GET", "/v1/auth/token/lookup-self", json(200, LOOKUP));
    VaultToken successor = VaultToken.of("s.SuccessorToken00000000001");

    OpenBaoClient rotated = client.withToken(successor);
    client.lookupSelf();
    rotated.lookupSelf();
    client.withoutToken().lookupSelf();

    assertThat(server.requests())
        .extracting(r -> String.valueOf(r.headers().getFirst("X-Vault-Token")))
        .containsExactly(TOKEN.reveal(), successor.reveal(), "null");
  }

  @Test
  void noExceptionMessageEverContainsTheToken() {
    String echo = "{\"errors\":[\"token " + TOKEN.reveal() + " is bad\"]}";
    int[] statuses = {400, 403, 404, 405, 429, 500, 503};
    for (int status : statuses) {
      server.on("GET", "/v1/auth/token/lookup-self", json(status, echo));
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(client::lookupSelf);
      assertThat(thrown).isInstanceOf(OpenBaoException.class);
      assertThat(thrown.getMessage()).doesNotContain(TOKEN.reveal());
      assertThat(thrown.toString()).doesNotContain(TOKEN.reveal());
      assertThat(((OpenBaoException) thrown).errors()).noneMatch(e -> e.contains(TOKEN.reveal()));
    }
  }

  private ScriptedServer.Recorded only(String method, String rawPath) {
    List<ScriptedServer.Recorded> matching =
        server.requests().stream()
            .filter(r -> r.method().equals(method) && r.rawPath().equals(rawPath))
            .toList();
    assertThat(matching).as(method + " " + rawPath).hasSize(1);
    return matching.get(0);
  }
}
