package io.mcpctl.sandbox.openbao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KV v2, KV v1 and the mount table over raw HTTP. */
class StandInKvAndMountsIT {
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

  private String tokenWith(String hcl) {
    assertThat(root.post("sys/policies/acl/p", "{\"policy\":" + new TextNode(hcl) + "}").status)
        .isEqualTo(204);
    return root.post("auth/token/create", "{\"policies\":[\"p\"],\"ttl\":\"1h\"}")
        .json()
        .path("auth")
        .path("client_token")
        .asText();
  }

  @Test
  void versionsCheckAndSetAndReadOfAnOldVersion() {
    JsonNode first = root.post("secret/data/app/db", "{\"data\":{\"password\":\"one\"}}").data();
    assertThat(first.path("version").asInt()).isEqualTo(1);
    assertThat(first.path("deletion_time").asText()).isEmpty();
    assertThat(first.path("custom_metadata").isNull()).isTrue();
    assertThat(first.path("created_time").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(
            root.post(
                    "secret/data/app/db", "{\"data\":{\"password\":\"x\"},\"options\":{\"cas\":0}}")
                .toString())
        .isEqualTo(
            "400 {\"errors\":[\"check-and-set parameter did not match the current version\"]}\n");
    clock.advance(Duration.ofMillis(1500));
    assertThat(
            root.post(
                    "secret/data/app/db",
                    "{\"data\":{\"password\":\"two\"},\"options\":{\"cas\":1}}")
                .data()
                .path("version")
                .asInt())
        .isEqualTo(2);

    JsonNode latest = root.get("secret/data/app/db").data();
    assertThat(latest.path("data").path("password").asText()).isEqualTo("two");
    assertThat(latest.path("metadata").path("created_time").asText())
        .isEqualTo("2026-03-01T10:00:01.5Z");
    assertThat(
            root.get("secret/data/app/db?version=1").data().path("data").path("password").asText())
        .isEqualTo("one");
    assertThat(root.get("secret/data/app/db?version=9").toString())
        .isEqualTo("404 {\"errors\":[]}\n");
    assertThat(root.get("secret/data/never").toString()).isEqualTo("404 {\"errors\":[]}\n");
    assertThat(root.post("secret/data/app/empty", "{}").toString())
        .isEqualTo("400 {\"errors\":[\"no data provided\"]}\n");
  }

  @Test
  void softDeletedVersionIsA404EnvelopeAndStillListed() {
    root.post("secret/data/team/a", "{\"data\":{\"k\":\"v\"}}");
    root.post("secret/data/team/sub/b", "{\"data\":{\"k\":\"v\"}}");
    assertThat(root.delete("secret/data/team/a").status).isEqualTo(204);
    assertThat(root.delete("secret/data/team/never").status).isEqualTo(204);

    RawBao.Reply deleted = root.get("secret/data/team/a");
    assertThat(deleted.status).isEqualTo(404);
    JsonNode body = deleted.json();
    assertThat(body.has("errors")).isFalse();
    assertThat(body.path("data").path("data").isNull()).isTrue();
    assertThat(body.path("data").path("metadata").path("deletion_time").asText())
        .isEqualTo("2026-03-01T10:00:00Z");
    assertThat(body.path("data").path("metadata").path("destroyed").asBoolean()).isFalse();

    assertThat(root.list("secret/metadata/team").data().path("keys"))
        .extracting(JsonNode::asText)
        .containsExactly("a", "sub/");
    assertThat(root.get("secret/metadata/team/?list=true").data().path("keys")).hasSize(2);

    assertThat(root.post("secret/undelete/team/a", "{\"versions\":[1]}").status).isEqualTo(204);
    assertThat(root.get("secret/data/team/a").status).isEqualTo(200);
    assertThat(root.post("secret/destroy/team/a", "{\"versions\":[1]}").status).isEqualTo(204);
    assertThat(
            root.get("secret/data/team/a")
                .json()
                .path("data")
                .path("metadata")
                .path("destroyed")
                .asBoolean())
        .isTrue();

    assertThat(root.delete("secret/metadata/team/a").status).isEqualTo(204);
    assertThat(root.list("secret/metadata/team").data().path("keys"))
        .extracting(JsonNode::asText)
        .containsExactly("sub/");
    root.delete("secret/metadata/team/sub/b");
    assertThat(root.list("secret/metadata/team").toString()).isEqualTo("404 {\"errors\":[]}\n");
  }

  @Test
  void metadataTracksVersionsAndMaxVersionsPrunes() {
    root.post("secret/metadata/pruned", "{\"max_versions\":2}");
    for (int i = 0; i < 3; i++) {
      root.post("secret/data/pruned", "{\"data\":{\"i\":\"" + i + "\"}}");
    }
    JsonNode metadata = root.get("secret/metadata/pruned").data();
    assertThat(metadata.path("current_version").asInt()).isEqualTo(3);
    assertThat(metadata.path("oldest_version").asInt()).isEqualTo(2);
    assertThat(metadata.path("max_versions").asInt()).isEqualTo(2);
    assertThat(metadata.path("delete_version_after").asText()).isEqualTo("0s");
    assertThat(metadata.path("versions").has("1")).isFalse();
    assertThat(metadata.path("versions").path("3").path("deletion_time").asText()).isEmpty();
    assertThat(root.get("secret/data/pruned?version=1").status).isEqualTo(404);
  }

  @Test
  void createAndUpdateAreDifferentCapabilitiesOnKvV2() {
    String updateOnly =
        tokenWith("path \"secret/data/*\" { capabilities = [\"update\", \"read\"] }");
    assertThat(root.as(updateOnly).post("secret/data/new", "{\"data\":{\"a\":\"b\"}}").status)
        .isEqualTo(403);
    root.post("secret/data/new", "{\"data\":{\"a\":\"b\"}}");
    assertThat(root.as(updateOnly).post("secret/data/new", "{\"data\":{\"a\":\"c\"}}").status)
        .isEqualTo(200);
    root.delete("secret/data/new");
    assertThat(root.as(updateOnly).post("secret/data/new", "{\"data\":{\"a\":\"d\"}}").status)
        .isEqualTo(200);
  }

  @Test
  void nonApiPathsOnAV2MountAnswerA404WithAWarning() {
    RawBao.Reply reply = root.get("secret/foo");
    assertThat(reply.status).isEqualTo(404);
    assertThat(reply.json().path("data").isNull()).isTrue();
    assertThat(reply.json().path("warnings").get(0).asText())
        .isEqualTo(
            "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the OpenBao CLI, use 'bao kv get' for this operation.");
    assertThat(root.get("secret/data").json().path("warnings").get(0).asText())
        .isEqualTo("Non-listing operations on the root of a K/V v2 mount are not supported.");
  }

  @Test
  void mountTableListsBuiltInsAndCopiesDataToTheTopLevel() {
    JsonNode body = root.get("sys/mounts").json();
    assertThat(body.path("data").has("sys/")).isTrue();
    assertThat(body.path("data").has("cubbyhole/")).isTrue();
    assertThat(body.path("data").has("identity/")).isTrue();
    assertThat(body.path("data").path("secret/").path("options").path("version").asText())
        .isEqualTo("2");
    assertThat(body.path("secret/")).isEqualTo(body.path("data").path("secret/"));
    JsonNode one = root.get("sys/mounts/secret/deep/path").data();
    assertThat(one.path("type").asText()).isEqualTo("kv");
    assertThat(root.get("sys/mounts/nothing").toString())
        .isEqualTo("400 {\"errors\":[\"No secret engine mount at nothing/\"]}\n");
  }

  @Test
  void mountConflictsAreRefusedNamingTheExistingMount() {
    assertThat(root.post("sys/mounts/secret", "{\"type\":\"kv-v2\"}").toString())
        .isEqualTo("400 {\"errors\":[\"path is already in use at secret/\"]}\n");
    assertThat(
            root.post("sys/mounts/secret/inner", "{\"type\":\"kv\"}")
                .json()
                .path("errors")
                .get(0)
                .asText())
        .isEqualTo("path is already in use at secret/");
    assertThat(
            root.post("sys/mounts/other", "{\"type\":\"transit\",\"options\":{\"version\":\"2\"}}")
                .json()
                .path("errors")
                .get(0)
                .asText())
        .isEqualTo("secrets engine \"transit\" does not allow setting a version");
  }

  @Test
  void aKvV1MountBehavesLikeV1AndCanBeUpgraded() {
    assertThat(root.post("sys/mounts/legacy", "{\"type\":\"kv-v1\"}").status).isEqualTo(204);
    assertThat(root.get("sys/mounts/legacy").data().path("options").path("version").asText())
        .isEqualTo("1");
    assertThat(root.post("legacy/data/x", "{\"data\":{\"a\":\"b\"}}").status).isEqualTo(204);
    assertThat(root.list("legacy/").data().path("keys"))
        .extracting(JsonNode::asText)
        .containsExactly("data/");
    assertThat(root.get("legacy/data/x").data().path("data").path("a").asText()).isEqualTo("b");

    RawBao.Reply upgrade = root.post("sys/mounts/legacy/tune", "{\"options\":{\"version\":\"2\"}}");
    assertThat(upgrade.status).isEqualTo(200);
    assertThat(root.get("legacy/data/data/x").data().path("data").path("data").path("a").asText())
        .isEqualTo("b");
    assertThat(root.post("sys/mounts/legacy/tune", "{\"options\":{\"version\":\"1\"}}").toString())
        .isEqualTo("400 {\"errors\":[\"cannot downgrade mount from version 2\"]}\n");

    root.post("sys/mounts/plain", "{\"type\":\"kv\"}");
    assertThat(root.get("sys/mounts/plain").data().path("options").isNull()).isTrue();
  }

  @Test
  void uiMountsShowsAMountOnlyToTokensWithAccessUnderIt() {
    String narrow = tokenWith("path \"secret/data/app/*\" { capabilities = [\"read\"] }");
    JsonNode data = root.as(narrow).get("sys/internal/ui/mounts/secret").data();
    assertThat(data.path("path").asText()).isEqualTo("secret/");
    assertThat(data.path("options").path("version").asText()).isEqualTo("2");
    assertThat(root.as(narrow).get("sys/mounts/secret").status).isEqualTo(403);

    String none = tokenWith("path \"other/*\" { capabilities = [\"read\"] }");
    RawBao.Reply denied = root.as(none).get("sys/internal/ui/mounts/secret");
    assertThat(denied.toString())
        .isEqualTo(
            "403 {\"errors\":[\"preflight capability check returned 403, please ensure client's policies grant access to path \\\"secret/\\\"\"]}\n");
    assertThat(root.as(none).get("sys/internal/ui/mounts/nomount").status).isEqualTo(403);
  }

  @Test
  void noHandlerForAnUnmountedPathWhenThePolicyCoversIt() {
    assertThat(root.get("nowhere/x").toString())
        .isEqualTo(
            "404 {\"errors\":[\"no handler for route \\\"nowhere/x\\\". route entry not found.\"]}\n");
    String narrow = tokenWith("path \"secret/*\" { capabilities = [\"read\"] }");
    assertThat(root.as(narrow).get("nowhere/x").status).isEqualTo(403);
  }

  @Test
  void policiesAreLowerCasedBase64DecodedAndProtected() {
    String hcl = "path \"a/*\" { capabilities = [\"read\"] }";
    String encoded = Base64.getEncoder().encodeToString(hcl.getBytes(StandardCharsets.UTF_8));
    RawBao.Reply written =
        root.post("sys/policies/acl/MixedCase", "{\"policy\":\"" + encoded + "\"}");
    assertThat(written.status).isEqualTo(200);
    assertThat(written.json().path("warnings").get(0).asText())
        .isEqualTo("policy name was converted to mixedcase");
    assertThat(root.get("sys/policies/acl/mixedcase").data().path("policy").asText())
        .isEqualTo(hcl);
    assertThat(root.get("sys/policies/acl/mixedcase").json().has("policy")).isFalse();
    assertThat(
            root.post("sys/policies/acl/root", "{\"policy\":" + new TextNode(hcl) + "}").toString())
        .isEqualTo("400 {\"errors\":[\"cannot update \\\"root\\\" policy\"]}\n");
    assertThat(root.delete("sys/policies/acl/default").toString())
        .isEqualTo("400 {\"errors\":[\"cannot delete default policy\"]}\n");
    assertThat(
            root.post(
                    "sys/policies/acl/bad",
                    "{\"policy\":\"path \\\"x\\\" { capabilities = [\\\"foo\\\"] }\"}")
                .toString())
        .isEqualTo(
            "400 {\"errors\":[\"failed to parse policy: path \\\"x\\\": invalid capability \\\"foo\\\"\"]}\n");
    assertThat(
            root.post("sys/policies/acl/empty", "{\"policy\":\"\"}")
                .json()
                .path("errors")
                .get(0)
                .asText())
        .isEqualTo("'policy' parameter not supplied or empty");
    assertThat(root.get("sys/policies/acl/absent").toString()).isEqualTo("404 {\"errors\":[]}\n");
    assertThat(root.list("sys/policies/acl").data().path("keys"))
        .extracting(JsonNode::asText)
        .contains("default", "mixedcase", "root");
    assertThat(root.get("sys/policies/acl/default").data().path("policy").asText())
        .contains("auth/token/lookup-self");
  }

  @Test
  void deletedPolicyActsEmptyAndEditsApplyAtOnce() {
    String token = tokenWith("path \"secret/data/*\" { capabilities = [\"read\"] }");
    root.post("secret/data/x", "{\"data\":{\"a\":\"b\"}}");
    assertThat(root.as(token).get("secret/data/x").status).isEqualTo(200);
    root.post(
        "sys/policies/acl/p",
        "{\"policy\":\"path \\\"other/*\\\" { capabilities = [\\\"read\\\"] }\"}");
    assertThat(root.as(token).get("secret/data/x").status).isEqualTo(403);
    root.delete("sys/policies/acl/p");
    assertThat(root.as(token).get("secret/data/x").status).isEqualTo(403);
    assertThat(root.as(token).get("auth/token/lookup-self").status).isEqualTo(200);
  }
}
