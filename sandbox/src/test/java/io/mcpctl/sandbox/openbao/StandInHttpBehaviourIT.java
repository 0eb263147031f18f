package io.mcpctl.sandbox.openbao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health, seal, envelope, headers and namespaces over raw HTTP. */
class StandInHttpBehaviourIT {
  private OpenBaoStandIn standIn;
  private RawBao root;

  @BeforeEach
  void start() {
    standIn = OpenBaoStandIn.start(StandInOptions.defaults());
    root = RawBao.of(standIn);
  }

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void everyEnvelopeHasTheEightKeysAndExactHeaders() {
    RawBao.Reply reply = root.get("auth/token/lookup-self");
    List<String> keys = new ArrayList<>();
    reply.json().fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "request_id",
            "lease_id",
            "renewable",
            "lease_duration",
            "data",
            "wrap_info",
            "warnings",
            "auth");
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(reply.json().path("warnings").isNull()).isTrue();
    assertThat(reply.json().path("auth").isNull()).isTrue();
  }

  @Test
  void successWithoutContentIs204WithAnEmptyBody() {
    RawBao.Reply reply = root.post("secret/metadata/x", "{}");
    assertThat(reply.status).isEqualTo(204);
    assertThat(reply.body).isEmpty();
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void theTwoForbiddenBodiesDiffer() {
    assertThat(root.as("s.unknownunknownunknown00").get("auth/token/lookup-self").toString())
        .isEqualTo("403 {\"errors\":[\"permission denied\"]}\n");
    assertThat(root.as(null).get("secret/data/x").toString())
        .isEqualTo("403 {\"errors\":[\"permission denied\"]}\n");
    String narrow =
        root.post("auth/token/create", "{\"policies\":[\"default\"],\"ttl\":\"1h\"}")
            .json()
            .path("auth")
            .path("client_token")
            .asText();
    assertThat(root.as(narrow).get("secret/data/x").toString())
        .isEqualTo("403 {\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}\n");
  }

  @Test
  void bearerAuthorizationAndTheRequestHeaderAreAccepted() {
    RawBao bearer =
        root.as(null)
            .header("Authorization", "Bearer " + standIn.rootToken().reveal())
            .header("X-Vault-Request", "true");
    assertThat(bearer.get("auth/token/lookup-self").status).isEqualTo(200);
    RawBao both = root.header("Authorization", "Bearer s.wrongwrongwrongwrongwron");
    assertThat(both.get("auth/token/lookup-self").status).isEqualTo(200);
  }

  @Test
  void namespacesOtherThanRootAreNotFoundAndEchoed() {
    RawBao.Reply reply = root.header("X-Vault-Namespace", "team-a/").get("secret/data/x");
    assertThat(reply.toString()).isEqualTo("404 {\"errors\":[\"namespace not found\"]}\n");
    assertThat(reply.header("X-Vault-Namespace")).isEqualTo("team-a/");
    assertThat(root.header("X-Vault-Namespace", "").get("auth/token/lookup-self").status)
        .isEqualTo(200);
    assertThat(root.header("X-Vault-Namespace", "team-a").get("sys/health").toString())
        .isEqualTo("400 {\"errors\":[\"operation unavailable in namespaces\"]}\n");
  }

  @Test
  void healthCodesFollowTheNodeStateWithOverrides() {
    RawBao anonymous = root.as(null);
    JsonNode active = anonymous.get("sys/health").json();
    assertThat(active.path("initialized").asBoolean()).isTrue();
    assertThat(active.path("sealed").asBoolean()).isFalse();
    assertThat(active.path("standby").asBoolean()).isFalse();
    assertThat(active.path("version").asText()).isEqualTo("2.6.2");
    assertThat(active.has("cluster_name")).isTrue();
    assertThat(active.has("performance_standby")).isFalse();
    assertThat(anonymous.get("sys/health?activecode=204").status).isEqualTo(204);

    standIn.setStandby(true);
    assertThat(anonymous.get("sys/health").status).isEqualTo(429);
    assertThat(anonymous.get("sys/health?standbyok=true").status).isEqualTo(200);
    assertThat(anonymous.get("sys/health?standbycode=200").status).isEqualTo(200);
    assertThat(anonymous.get("sys/health?standbyok=maybe").toString())
        .isEqualTo("400 {\"errors\":[]}\n");
    assertThat(anonymous.get("sys/health?perfstandbyok=true").status).isEqualTo(429);
    standIn.setStandby(false);

    standIn.seal();
    RawBao.Reply sealed = anonymous.get("sys/health");
    assertThat(sealed.status).isEqualTo(503);
    assertThat(sealed.json().path("standby").asBoolean()).isTrue();
    assertThat(sealed.json().has("cluster_name")).isFalse();
    assertThat(sealed.json().has("cluster_id")).isFalse();
    assertThat(anonymous.get("sys/health?sealedcode=299").status).isEqualTo(299);
    RawBao.Reply head = anonymous.send("HEAD", "sys/health", null);
    assertThat(head.status).isEqualTo(503);
    assertThat(head.body).isEmpty();

    standIn.unseal();
    standIn.setInitialized(false);
    assertThat(anonymous.get("sys/health").status).isEqualTo(501);
    assertThat(anonymous.get("sys/health").json().path("initialized").asBoolean()).isFalse();
    assertThat(anonymous.get("sys/seal-status").json().path("sealed").asBoolean()).isTrue();
  }

  @Test
  void sealedAnswers503BeforeTheTokenIsChecked() {
    standIn.seal();
    for (String path :
        List.of("secret/data/x", "auth/token/lookup-self", "sys/mounts", "nowhere/at/all")) {
      assertThat(root.as("not-a-token").get(path).toString())
          .isEqualTo("503 {\"errors\":[\"Vault is sealed\"]}\n");
      assertThat(root.get(path).status).isEqualTo(503);
    }
    RawBao.Reply status = root.as(null).get("sys/seal-status");
    assertThat(status.status).isEqualTo(200);
    assertThat(status.json().path("sealed").asBoolean()).isTrue();
    assertThat(status.json().path("type").asText()).isEqualTo("shamir");
    assertThat(status.json().has("cluster_name")).isFalse();
  }

  @Test
  void sealNeedsSudoAndUnsealNeedsTheKey() {
    String narrow =
        root.post("auth/token/create", "{\"policies\":[\"default\"],\"ttl\":\"1h\"}")
            .json()
            .path("auth")
            .path("client_token")
            .asText();
    assertThat(root.as(narrow).send("PUT", "sys/seal", null).status).isEqualTo(403);
    assertThat(root.send("PUT", "sys/seal", null).status).isEqualTo(204);
    assertThat(root.as(null).send("PUT", "sys/unseal", "{\"key\":\"AAAA\"}").status).isEqualTo(400);
    JsonNode status =
        root.as(null).send("PUT", "sys/unseal", "{\"key\":\"" + standIn.unsealKey() + "\"}").json();
    assertThat(status.path("sealed").asBoolean()).isFalse();
    assertThat(root.get("auth/token/lookup-self").status).isEqualTo(200);
  }

  @Test
  void listVerbAndListQueryAreTheSameOperation() {
    root.post("secret/data/a/b", "{\"data\":{\"k\":\"v\"}}");
    assertThat(root.list("secret/metadata/a").data())
        .isEqualTo(root.get("secret/metadata/a?list=true").data());
    assertThat(root.get("secret/metadata/a?list=nope").status).isEqualTo(400);
  }

  @Test
  void patchNeedsTheMergePatchContentType() {
    root.post("secret/data/p", "{\"data\":{\"a\":\"1\",\"b\":\"2\"}}");
    assertThat(root.send("PATCH", "secret/data/p", "{\"data\":{\"a\":null}}").status)
        .isEqualTo(415);
    RawBao.Reply patched =
        root.header("Content-Type", "application/merge-patch+json")
            .send("PATCH", "secret/data/p", "{\"data\":{\"a\":null,\"c\":\"3\"}}");
    assertThat(patched.data().path("version").asInt()).isEqualTo(2);
    JsonNode data = root.get("secret/data/p").data().path("data");
    assertThat(data.has("a")).isFalse();
    assertThat(data.path("c").asText()).isEqualTo("3");
  }

  @Test
  void unknownMethodsAndNonApiPathsAreRefused() {
    assertThat(root.send("OPTIONS", "secret/data/x", null).status).isEqualTo(405);
    assertThat(root.get("/ui/").status).isEqualTo(404);
    assertThat(root.post("auth/token/lookup-self", "{not json").toString())
        .isEqualTo("400 {\"errors\":[\"error parsing JSON\"]}\n");
  }
}
