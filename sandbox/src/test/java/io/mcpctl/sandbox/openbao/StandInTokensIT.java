package io.mcpctl.sandbox.openbao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token store behaviours over raw HTTP, with a clock the test moves. */
class StandInTokensIT {
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

  private JsonNode create(RawBao caller, String path, String body) {
    RawBao.Reply reply = caller.post(path, body);
    assertThat(reply.status).as(reply.toString()).isEqualTo(200);
    return reply.json().path("auth");
  }

  private void writePolicy(String name, String hcl) {
    String body = "{\"policy\":" + new TextNode(hcl) + "}";
    assertThat(root.post("sys/policies/acl/" + name, body).status).isEqualTo(204);
  }

  @Test
  void tokenIdsAndAccessorsHaveOpenBaoShape() {
    JsonNode auth =
        create(root, "auth/token/create", "{\"policies\":[\"default\"],\"ttl\":\"1h\"}");
    assertThat(auth.path("client_token").asText()).matches("s\\.[0-9A-Za-z]{24}");
    assertThat(auth.path("accessor").asText()).matches("[0-9A-Za-z]{24}");
    assertThat(standIn.rootToken().reveal()).matches("s\\.[0-9A-Za-z]{24}");
  }

  @Test
  void authBlockHasEveryKeyAndTopLevelLeaseIsZero() {
    RawBao.Reply reply = root.post("auth/token/create", "{\"policies\":[\"a\"],\"ttl\":\"1h\"}");
    JsonNode body = reply.json();
    assertThat(body.path("renewable").asBoolean()).isFalse();
    assertThat(body.path("lease_duration").asInt()).isZero();
    assertThat(body.path("data").isNull()).isTrue();
    List<String> keys = new ArrayList<>();
    body.path("auth").fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "client_token",
            "accessor",
            "policies",
            "token_policies",
            "metadata",
            "lease_duration",
            "renewable",
            "entity_id",
            "token_type",
            "orphan",
            "mfa_requirement",
            "num_uses");
    assertThat(body.path("auth").path("policies"))
        .extracting(JsonNode::asText)
        .containsExactly("a", "default");
    assertThat(body.path("warnings").get(0).asText()).isEqualTo("Policy \"a\" does not exist");
  }

  @Test
  void bootstrapRootTokenLookupHasNoLeaseFields() {
    JsonNode data = root.get("auth/token/lookup-self").data();
    assertThat(data.path("policies")).extracting(JsonNode::asText).containsExactly("root");
    assertThat(data.path("path").asText()).isEqualTo("auth/token/root");
    assertThat(data.path("expire_time").isNull()).isTrue();
    assertThat(data.path("ttl").asInt()).isZero();
    assertThat(data.has("issue_time")).isFalse();
    assertThat(data.has("renewable")).isFalse();
    assertThat(data.path("orphan").asBoolean()).isTrue();
    assertThat(data.path("id").asText()).isEqualTo(standIn.rootToken().reveal());
  }

  private String minterOfChildren() {
    writePolicy("minter", "path \"auth/token/create*\" { capabilities = [\"update\"] }");
    return create(
            root, "auth/token/create", "{\"policies\":[\"minter\",\"default\"],\"ttl\":\"1h\"}")
        .path("client_token")
        .asText();
  }

  @Test
  void revokingAParentRevokesItsChildrenButNotOrphans() {
    String parent = minterOfChildren();
    RawBao asParent = root.as(parent);
    String child =
        create(asParent, "auth/token/create", "{\"ttl\":\"2h\"}").path("client_token").asText();
    String orphan =
        create(asParent, "auth/token/create-orphan", "{\"ttl\":\"2h\"}")
            .path("client_token")
            .asText();

    assertThat(asParent.post("auth/token/revoke-self", null).status).isEqualTo(204);

    assertThat(root.as(child).get("auth/token/lookup-self").toString())
        .isEqualTo("403 {\"errors\":[\"permission denied\"]}\n");
    assertThat(root.as(orphan).get("auth/token/lookup-self").status).isEqualTo(200);
  }

  @Test
  void expiryOfAParentRevokesChildrenWhoseOwnTtlIsLonger() {
    String parent = minterOfChildren();
    String child =
        create(root.as(parent), "auth/token/create", "{\"ttl\":\"10h\"}")
            .path("client_token")
            .asText();
    assertThat(root.as(child).get("auth/token/lookup-self").data().path("ttl").asLong())
        .isEqualTo(36000);

    clock.advance(Duration.ofMinutes(59));
    assertThat(root.as(child).get("auth/token/lookup-self").status).isEqualTo(200);

    clock.advance(Duration.ofMinutes(1));
    assertThat(root.as(parent).get("auth/token/lookup-self").status).isEqualTo(403);
    assertThat(root.as(child).get("auth/token/lookup-self").status).isEqualTo(403);
  }

  @Test
  void roleWithOrphanTrueBreaksTheChain() {
    writePolicy("app", "path \"secret/data/*\" { capabilities = [\"read\"] }");
    assertThat(
            root.post(
                    "auth/token/roles/r",
                    "{\"allowed_policies\":\"app\",\"orphan\":true,\"token_period\":\"1h\"}")
                .status)
        .isEqualTo(204);
    writePolicy("minter", "path \"auth/token/create/r\" { capabilities = [\"update\"] }");
    String minter =
        create(root, "auth/token/create", "{\"policies\":[\"minter\"],\"ttl\":\"1h\"}")
            .path("client_token")
            .asText();
    JsonNode minted = create(root.as(minter), "auth/token/create/r", "{}");
    assertThat(minted.path("orphan").asBoolean()).isTrue();
    assertThat(minted.path("policies"))
        .extracting(JsonNode::asText)
        .containsExactly("app", "default");
    assertThat(minted.path("lease_duration").asLong()).isEqualTo(3600);

    root.as(minter).post("auth/token/revoke-self", null);
    assertThat(root.as(minted.path("client_token").asText()).get("auth/token/lookup-self").status)
        .isEqualTo(200);
    assertThat(standIn.tokenByAccessor(minted.path("accessor").asText()))
        .hasValueSatisfying(t -> assertThat(t.orphan()).isTrue());
  }

  @Test
  void periodicRenewalResetsToTheRolesCurrentPeriodAndIgnoresIncrement() {
    root.post("auth/token/roles/p", "{\"orphan\":true,\"token_period\":\"1h\"}");
    String token = create(root, "auth/token/create/p", "{}").path("client_token").asText();
    JsonNode lookup = root.as(token).get("auth/token/lookup-self").data();
    assertThat(lookup.has("period")).isFalse();
    assertThat(lookup.path("explicit_max_ttl").asInt()).isZero();
    assertThat(lookup.path("role").asText()).isEqualTo("p");
    assertThat(lookup.path("creation_ttl").asLong()).isEqualTo(3600);

    clock.advance(Duration.ofMinutes(50));
    JsonNode renewed =
        root.as(token).post("auth/token/renew-self", "{\"increment\":\"10h\"}").json();
    assertThat(renewed.path("auth").path("lease_duration").asLong()).isEqualTo(3600);
    assertThat(renewed.path("warnings").isNull()).isTrue();

    root.post("auth/token/roles/p", "{\"token_period\":\"2h\"}");
    clock.advance(Duration.ofMinutes(50));
    renewed = root.as(token).post("auth/token/renew-self", null).json();
    assertThat(renewed.path("auth").path("lease_duration").asLong()).isEqualTo(7200);
    JsonNode after = root.as(token).get("auth/token/lookup-self").data();
    assertThat(after.path("ttl").asLong()).isEqualTo(7200);
    assertThat(after.path("last_renewal_time").asLong())
        .isEqualTo(clock.instant().getEpochSecond());
  }

  @Test
  void deletingTheRoleBreaksRenewalWithAServerError() {
    root.post("auth/token/roles/p", "{\"orphan\":true,\"token_period\":\"1h\"}");
    String token = create(root, "auth/token/create/p", "{}").path("client_token").asText();
    root.delete("auth/token/roles/p");
    RawBao.Reply reply = root.as(token).post("auth/token/renew-self", null);
    assertThat(reply.status).isEqualTo(500);
    assertThat(reply.json().path("errors").get(0).asText())
        .isEqualTo(
            "1 error occurred:\n\t* failed to renew entry: original token role \"p\" could not be found, not renewing\n\n");
  }

  @Test
  void nonPeriodicRenewalCountsFromNowAndIsCappedWithAWarning() {
    String token =
        create(
                root,
                "auth/token/create",
                "{\"policies\":[\"default\"],\"ttl\":\"10m\",\"explicit_max_ttl\":\"30m\"}")
            .path("client_token")
            .asText();
    clock.advance(Duration.ofMinutes(5));
    JsonNode renewed =
        root.as(token).post("auth/token/renew-self", "{\"increment\":\"10m\"}").json();
    assertThat(renewed.path("auth").path("lease_duration").asLong()).isEqualTo(600);

    clock.advance(Duration.ofMinutes(9));
    renewed = root.as(token).post("auth/token/renew-self", "{\"increment\":\"2h\"}").json();
    assertThat(renewed.path("auth").path("lease_duration").asLong()).isEqualTo(960);
    assertThat(renewed.path("warnings").get(0).asText())
        .isEqualTo(
            "TTL of \"2h\" exceeded the effective max_ttl of \"16m\"; TTL value is capped accordingly");
    assertThat(
            root.as(token).get("auth/token/lookup-self").data().path("explicit_max_ttl").asLong())
        .isEqualTo(1800);

    clock.advance(Duration.ofMinutes(16));
    assertThat(root.as(token).get("auth/token/lookup-self").status).isEqualTo(403);
  }

  @Test
  void withoutTtlATokenLivesTheSystemDefaultOf768Hours() {
    JsonNode auth = create(root, "auth/token/create", "{\"policies\":[\"default\"]}");
    assertThat(auth.path("lease_duration").asLong()).isEqualTo(Duration.ofHours(768).toSeconds());
  }

  @Test
  void nonRenewableTokenRefusesRenewal() {
    String token =
        create(
                root,
                "auth/token/create",
                "{\"policies\":[\"default\"],\"ttl\":\"1h\",\"renewable\":false}")
            .path("client_token")
            .asText();
    RawBao.Reply reply = root.as(token).post("auth/token/renew-self", null);
    assertThat(reply.toString()).isEqualTo("400 {\"errors\":[\"lease is not renewable\"]}\n");
  }

  @Test
  void sudoGatesOnCreate() {
    writePolicy("creator", "path \"auth/token/create\" { capabilities = [\"update\"] }");
    String creator =
        create(root, "auth/token/create", "{\"policies\":[\"creator\",\"default\"],\"ttl\":\"1h\"}")
            .path("client_token")
            .asText();
    RawBao asCreator = root.as(creator);
    assertThat(asCreator.post("auth/token/create", "{\"no_parent\":true}").toString())
        .isEqualTo(
            "400 {\"errors\":[\"root or sudo privileges required to create orphan token\"]}\n");
    assertThat(
            asCreator
                .post("auth/token/create", "{\"period\":\"1h\"}")
                .json()
                .path("errors")
                .get(0)
                .asText())
        .isEqualTo("root or sudo privileges required to create periodic token");
    assertThat(
            asCreator
                .post("auth/token/create", "{\"id\":\"s.custom\"}")
                .json()
                .path("errors")
                .get(0)
                .asText())
        .isEqualTo("root or sudo privileges required to specify token id");
    assertThat(
            asCreator
                .post("auth/token/create", "{\"policies\":[\"other\"]}")
                .json()
                .path("errors")
                .get(0)
                .asText())
        .isEqualTo("child policies must be subset of parent");
    JsonNode child = create(asCreator, "auth/token/create", "{\"policies\":[\"creator\"]}");
    assertThat(child.path("policies"))
        .extracting(JsonNode::asText)
        .containsExactly("creator", "default");
    assertThat(child.path("orphan").asBoolean()).isFalse();
  }

  @Test
  void roleParametersRoundTripWithTheExactShape() {
    assertThat(
            root.post(
                    "auth/token/roles/shape",
                    "{\"allowed_policies\":[\"B\",\"a\"],\"orphan\":true,\"token_period\":\"720h\",\"token_type\":\"service\",\"path_suffix\":\"gen1\",\"token_ttl\":\"1h\",\"token_policies\":[\"x\"]}")
                .status)
        .isEqualTo(204);
    JsonNode data = root.get("auth/token/roles/shape").data();
    List<String> keys = new ArrayList<>();
    data.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "allowed_entity_aliases",
            "allowed_policies",
            "allowed_policies_glob",
            "disallowed_policies",
            "disallowed_policies_glob",
            "explicit_max_ttl",
            "name",
            "orphan",
            "path_suffix",
            "period",
            "renewable",
            "token_explicit_max_ttl",
            "token_no_default_policy",
            "token_period",
            "token_type");
    assertThat(data.path("allowed_policies"))
        .extracting(JsonNode::asText)
        .containsExactly("a", "b");
    assertThat(data.path("token_period").asLong()).isEqualTo(2592000);
    assertThat(data.path("period").asLong()).isZero();
    assertThat(data.path("renewable").asBoolean()).isTrue();
    assertThat(data.path("allowed_entity_aliases").isNull()).isTrue();
    assertThat(root.get("auth/token/roles/missing").toString()).isEqualTo("404 {\"errors\":[]}\n");
  }

  @Test
  void roleWritesNeedCreateFirstAndUpdateAfterwards() {
    writePolicy("roles-update", "path \"auth/token/roles/*\" { capabilities = [\"update\"] }");
    String updater =
        create(root, "auth/token/create", "{\"policies\":[\"roles-update\"],\"ttl\":\"1h\"}")
            .path("client_token")
            .asText();
    assertThat(
            root.as(updater)
                .post("auth/token/roles/new", "{}")
                .json()
                .path("errors")
                .get(0)
                .asText())
        .isEqualTo("1 error occurred:\n\t* permission denied\n\n");
    root.post("auth/token/roles/new", "{}");
    assertThat(root.as(updater).post("auth/token/roles/new", "{\"orphan\":true}").status)
        .isEqualTo(204);
  }

  @Test
  void unknownRoleIsABadRequest() {
    assertThat(root.post("auth/token/create/nope", "{}").toString())
        .isEqualTo("400 {\"errors\":[\"unknown role nope\"]}\n");
  }

  @Test
  void accessorEndpointsAnswerLikeOpenBao() {
    JsonNode auth =
        create(root, "auth/token/create", "{\"policies\":[\"default\"],\"ttl\":\"1h\"}");
    String accessor = auth.path("accessor").asText();
    JsonNode looked =
        root.post("auth/token/lookup-accessor", "{\"accessor\":\"" + accessor + "\"}").data();
    assertThat(looked.path("id").asText()).isEmpty();
    assertThat(looked.path("accessor").asText()).isEqualTo(accessor);

    assertThat(
            root.post("auth/token/revoke-accessor", "{\"accessor\":\"" + accessor + "\"}").status)
        .isEqualTo(204);
    RawBao.Reply again =
        root.post("auth/token/revoke-accessor", "{\"accessor\":\"" + accessor + "\"}");
    assertThat(again.status).isEqualTo(200);
    assertThat(again.json().path("warnings").get(0).asText())
        .isEqualTo("No token found with this accessor");
    assertThat(
            root.post("auth/token/lookup-accessor", "{\"accessor\":\"" + accessor + "\"}")
                .toString())
        .isEqualTo("400 {\"errors\":[\"1 error occurred:\\n\\t* invalid accessor\\n\\n\"]}\n");
  }

  @Test
  void defaultPolicyAllowsGetButNotPostOnLookupSelf() {
    String token =
        create(root, "auth/token/create", "{\"policies\":[\"default\"],\"ttl\":\"1h\"}")
            .path("client_token")
            .asText();
    assertThat(root.as(token).get("auth/token/lookup-self").status).isEqualTo(200);
    assertThat(root.as(token).post("auth/token/lookup-self", "{}").status).isEqualTo(403);
    assertThat(root.as(token).post("auth/token/revoke-accessor", "{\"accessor\":\"x\"}").status)
        .isEqualTo(403);
  }

  @Test
  void numUsesIsConsumedEvenByDeniedRequestsAndTheLastUseRevokes() {
    writePolicy("minter", "path \"auth/token/create\" { capabilities = [\"update\"] }");
    String token =
        create(
                root,
                "auth/token/create",
                "{\"policies\":[\"minter\",\"default\"],\"ttl\":\"1h\",\"num_uses\":4}")
            .path("client_token")
            .asText();
    RawBao as = root.as(token);
    assertThat(as.get("sys/mounts").status).isEqualTo(403);
    assertThat(as.get("auth/token/lookup-self").data().path("num_uses").asInt()).isEqualTo(2);
    assertThat(as.post("auth/token/create", "{}").json().path("errors").get(0).asText())
        .isEqualTo("restricted use token cannot generate child tokens");
    assertThat(as.get("auth/token/lookup-self").data().path("num_uses").asInt()).isEqualTo(-1);
    assertThat(as.get("auth/token/lookup-self").status).isEqualTo(403);
  }

  @Test
  void capabilitiesSelfReportsTheWinningRuleSorted() {
    writePolicy(
        "caps",
        "path \"secret/data/*\" { capabilities = [\"update\", \"read\", \"create\"] }\npath \"secret/data/x\" { capabilities = [\"deny\"] }");
    String token =
        create(root, "auth/token/create", "{\"policies\":[\"caps\"],\"ttl\":\"1h\"}")
            .path("client_token")
            .asText();
    JsonNode body =
        root.as(token)
            .post("sys/capabilities-self", "{\"paths\":[\"secret/data/y\",\"secret/data/x\"]}")
            .json();
    assertThat(body.path("data").path("secret/data/y"))
        .extracting(JsonNode::asText)
        .containsExactly("create", "read", "update");
    assertThat(body.path("data").path("secret/data/x"))
        .extracting(JsonNode::asText)
        .containsExactly("deny");
    assertThat(body.path("secret/data/y")).isEqualTo(body.path("data").path("secret/data/y"));
    assertThat(
            root.post("sys/capabilities-self", "{\"path\":\"anything\"}")
                .data()
                .path("capabilities"))
        .extracting(JsonNode::asText)
        .containsExactly("root");
  }
}
