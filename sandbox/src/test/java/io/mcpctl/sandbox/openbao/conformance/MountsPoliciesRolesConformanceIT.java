package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mcpctl.openbao.AclPolicy;
import io.mcpctl.openbao.BadRequestException;
import io.mcpctl.openbao.MountInfo;
import io.mcpctl.openbao.MountKind;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.openbao.TokenRole;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Mounts, ACL policies and token roles through the client. */
@ExtendWith(BaoTargetExtension.class)
class MountsPoliciesRolesConformanceIT {

  @Test
  void aKvV2MountIsEnabledReadByPrefixAndRefusedTwice(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    MountInfo info = bao.admin().readMount(mount + "/some/deep/path").orElseThrow();
    assertThat(info.type()).isEqualTo("kv");
    assertThat(info.kind()).isEqualTo(MountKind.KV_V2);
    assertThat(info.options()).containsEntry("version", "2");
    // vault/mount.go raises a coded 409, which handleMount returns beside an error response:
    // sdk/logical/response_util.go then answers 400 with the response's text.
    assertThatThrownBy(() -> bao.admin().enableKvV2(mount, ""))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused -> {
              assertThat(refused.status()).isEqualTo(400);
              assertThat(refused.mentions("path is already in use at " + mount + "/")).isTrue();
            });
    assertThatThrownBy(() -> bao.admin().enableKvV2(mount + "/nested", ""))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused -> {
              assertThat(refused.status()).isEqualTo(400);
              assertThat(refused.mentions("path is already in use")).isTrue();
            });
    assertThat(bao.admin().readMount(bao.unique("conf-none"))).isEmpty();
  }

  @Test
  void systemMountsAreNotKv(BaoTarget bao) {
    assertThat(bao.admin().readMount("sys").orElseThrow().kind()).isEqualTo(MountKind.OTHER);
    assertThat(bao.admin().readMount("cubbyhole").orElseThrow().kind()).isEqualTo(MountKind.OTHER);
  }

  @Test
  void theMountPreflightNeedsAccessUnderTheMountOnly(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    String policy =
        bao.policy(
            bao.unique("conf-pre"),
            "path \"" + mount + "/data/app/*\" {\n  capabilities = [\"read\"]\n}\n");
    var narrow = bao.as(bao.tokenWithPolicies(Duration.ofHours(1), policy).clientToken());
    MountInfo info = narrow.readMountPreflight(mount);
    assertThat(info.path()).contains(mount + "/");
    assertThat(info.kind()).isEqualTo(MountKind.KV_V2);
    assertThatThrownBy(() -> narrow.readMount(mount)).isInstanceOf(PermissionDeniedException.class);
    String unrelated = bao.freshKvV2Mount();
    assertThatThrownBy(() -> narrow.readMountPreflight(unrelated))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> narrow.readMountPreflight(bao.unique("conf-nomount")))
        .isInstanceOf(PermissionDeniedException.class);
  }

  /**
   * vault/logical_system.go, {@code hasMountAccess}: any capability but deny under the mount
   * counts, patch and scan included, and so does a {@code +} rule whose segments reach the mount.
   */
  @Test
  void patchOnlyAndSegmentWildcardRulesOpenTheMountPreflight(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    assertThat(
            tokenWithOneRule(bao, mount + "/data/app/x", "patch").readMountPreflight(mount).kind())
        .isEqualTo(MountKind.KV_V2);
    assertThat(
            tokenWithOneRule(bao, mount + "/data/+/config", "read")
                .readMountPreflight(mount)
                .kind())
        .isEqualTo(MountKind.KV_V2);
    OpenBaoClient denied = tokenWithOneRule(bao, mount + "/data/+/config", "deny");
    assertThatThrownBy(() -> denied.readMountPreflight(mount))
        .isInstanceOf(PermissionDeniedException.class);
  }

  private static OpenBaoClient tokenWithOneRule(BaoTarget bao, String path, String capability) {
    String policy =
        bao.policy(
            bao.unique("conf-pre"),
            "path \"" + path + "\" {\n  capabilities = [\"" + capability + "\"]\n}\n");
    return bao.as(bao.tokenWithPolicies(Duration.ofHours(1), policy).clientToken());
  }

  /**
   * The legacy {@code sys/policy} endpoints that common clients still call: the text under {@code
   * rules} (accepted on write with a deprecation warning), the list's keys also under {@code
   * policies} (vault/logical_system.go, {@code handlePoliciesRead/Set/List}).
   */
  @Test
  void theLegacyPolicyEndpointsSpeakRulesAndListUnderPolicies(BaoTarget bao) throws Exception {
    String name = bao.unique("conf-legacy");
    String hcl = "path \"secret/data/legacy/*\" {\n  capabilities = [\"read\"]\n}\n";
    bao.afterTest(() -> bao.deleteWithAdmin("sys/policies/acl/" + name));
    ObjectMapper json = new ObjectMapper();
    HttpResponse<String> written =
        bao.exchangeWithAdmin(
            "PUT", "sys/policy/" + name, json.writeValueAsString(Map.of("rules", hcl)));
    assertThat(written.statusCode()).isEqualTo(200);
    assertThat(json.readTree(written.body()).path("warnings").toString())
        .contains("'rules' is deprecated, please use 'policy' instead");

    JsonNode read = bao.readWithAdmin("sys/policy/" + name).path("data");
    assertThat(read.path("rules").asText()).isEqualTo(hcl);
    assertThat(read.has("policy")).isFalse();
    assertThat(bao.admin().readPolicy(name).orElseThrow().policy()).isEqualTo(hcl);

    JsonNode listed = bao.readWithAdmin("sys/policy").path("data");
    assertThat(listed.path("keys").toString()).contains("\"" + name + "\"", "\"root\"");
    assertThat(listed.path("policies")).isEqualTo(listed.path("keys"));

    assertThat(
            bao.exchangeWithAdmin(
                    "PUT", "sys/policy/" + name, json.writeValueAsString(Map.of("policy", hcl)))
                .statusCode())
        .as("the current field name, no warning")
        .isEqualTo(204);
    assertThat(bao.deleteWithAdmin("sys/policy/" + name)).isEqualTo(204);
    assertThat(bao.admin().readPolicy(name)).isEmpty();
  }

  @Test
  void policiesRoundTripAndDisappear(BaoTarget bao) {
    String name = bao.unique("conf-policy");
    String hcl = "path \"secret/data/x/*\" {\n  capabilities = [\"read\"]\n}\n";
    bao.policy(name, hcl);
    AclPolicy read = bao.admin().readPolicy(name).orElseThrow();
    assertThat(read.name()).isEqualTo(name);
    assertThat(read.policy()).isEqualTo(hcl);
    bao.admin().deletePolicy(name);
    assertThat(bao.admin().readPolicy(name)).isEmpty();
  }

  @Test
  void anInvalidPolicyIsRefusedWithOpenBaosReason(BaoTarget bao) {
    String name = bao.unique("conf-bad");
    assertThatThrownBy(
            () -> bao.admin().writePolicy(name, "path \"x\" {\n  capabilities = [\"fly\"]\n}\n"))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused -> assertThat(refused.mentions("invalid capability")).isTrue());
  }

  @Test
  void roleSettingsThatTheTokenStoreCannotUseAreRefused(BaoTarget bao) {
    String name = bao.unique("conf-role-bad");
    bao.deleteRoleAfterTest(name);
    // sdk/helper/tokenutil ParseTokenFields, then the token store's own token_type values.
    assertThatThrownBy(() -> bao.admin().writeTokenRole(role(name, "default", Duration.ZERO, 0)))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused -> assertThat(refused.mentions("invalid 'token_type' value")).isTrue());
    assertThatThrownBy(
            () -> bao.admin().writeTokenRole(role(name, "service", Duration.ofSeconds(-60), 0)))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused -> assertThat(refused.mentions("'token_period' cannot be negative")).isTrue());
    assertThatThrownBy(() -> bao.admin().writeTokenRole(role(name, "service", Duration.ZERO, -1)))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused ->
                assertThat(refused.mentions("'token_num_uses' cannot be negative")).isTrue());
    assertThat(bao.admin().readTokenRole(name)).as("nothing was written").isEmpty();
  }

  private static TokenRole role(String name, String type, Duration period, int numUses) {
    return new TokenRole(
        name,
        List.of("p-one"),
        List.of(),
        true,
        true,
        period,
        Duration.ZERO,
        type,
        "",
        false,
        numUses);
  }

  @Test
  void tokenRolesRoundTripWithEverySetting(BaoTarget bao) {
    String name = bao.unique("conf-role");
    bao.deleteRoleAfterTest(name);
    TokenRole role =
        new TokenRole(
            name,
            List.of("p-one", "p-two"),
            List.of("root"),
            true,
            true,
            Duration.ofHours(720),
            Duration.ZERO,
            "service",
            "gen1",
            false,
            0);
    bao.admin().writeTokenRole(role);
    TokenRole read = bao.admin().readTokenRole(name).orElseThrow();
    assertThat(read.name()).isEqualTo(name);
    assertThat(read.allowedPolicies()).containsExactly("p-one", "p-two");
    assertThat(read.disallowedPolicies()).containsExactly("root");
    assertThat(read.orphan()).isTrue();
    assertThat(read.renewable()).isTrue();
    assertThat(read.tokenPeriod()).isEqualTo(Duration.ofHours(720));
    assertThat(read.tokenExplicitMaxTtl()).isZero();
    assertThat(read.tokenType()).isEqualTo("service");
    assertThat(read.pathSuffix()).isEqualTo("gen1");

    bao.admin()
        .writeTokenRole(
            new TokenRole(
                name,
                List.of("p-one"),
                List.of(),
                false,
                false,
                Duration.ofHours(1),
                Duration.ofHours(2),
                "default-service",
                "",
                false,
                0));
    TokenRole edited = bao.admin().readTokenRole(name).orElseThrow();
    assertThat(edited.orphan()).isFalse();
    assertThat(edited.renewable()).isFalse();
    assertThat(edited.tokenExplicitMaxTtl()).isEqualTo(Duration.ofHours(2));
    bao.admin().deleteTokenRole(name);
    assertThat(bao.admin().readTokenRole(name)).isEmpty();
  }

  @Test
  void aPolicyWriteReplacesItWholeSoAnOmittedExpirationIsRemoved(BaoTarget bao) {
    String name = bao.unique("conf-exp");
    String hcl = "path \"secret/data/x\" {\n  capabilities = [\"read\"]\n}\n";
    assertThat(
            bao.sendWithAdmin(
                "POST",
                "sys/policies/acl/" + name,
                "{\"policy\":" + new TextNode(hcl) + ",\"expiration\":\"2999-01-01T00:00:00Z\"}"))
        .isEqualTo(204);
    bao.afterTest(() -> bao.admin().deletePolicy(name));
    assertThat(
            bao.readWithAdmin("sys/policies/acl/" + name).path("data").path("expiration").asText())
        .startsWith("2999-01-01T00:00:00");

    bao.admin().writePolicy(name, hcl);

    assertThat(bao.readWithAdmin("sys/policies/acl/" + name).path("data").has("expiration"))
        .as("OpenBao 2.6.1: a POST without expiration removes it (GH-3506)")
        .isFalse();
    assertThat(
            bao.sendWithAdmin(
                "POST",
                "sys/policies/acl/" + name,
                "{\"policy\":" + new TextNode(hcl) + ",\"expiration\":\"2001-01-01T00:00:00Z\"}"))
        .as("an expiration already past")
        .isEqualTo(400);
  }
}
