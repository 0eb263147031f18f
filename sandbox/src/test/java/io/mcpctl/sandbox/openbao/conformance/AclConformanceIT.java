package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.openbao.KvV2;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.VaultToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The two 403s and OpenBao's ACL matching, seen through the client. */
@ExtendWith(BaoTargetExtension.class)
class AclConformanceIT {

  @Test
  void aBadTokenAndAnAclDenialAreDifferentErrors(BaoTarget bao) {
    OpenBaoClient bogus = bao.as(VaultToken.of("s.notarealtokennotarealtok"));
    assertThatThrownBy(bogus::lookupSelf)
        .isInstanceOfSatisfying(
            TokenRejectedException.class,
            rejected -> assertThat(rejected.errors()).containsExactly("permission denied"));
    OpenBaoClient narrow =
        bao.as(bao.tokenWithPolicies(Duration.ofHours(1), "default").clientToken());
    assertThatThrownBy(() -> narrow.readPolicy("default"))
        .isInstanceOfSatisfying(
            PermissionDeniedException.class,
            denied ->
                assertThat(denied.errors())
                    .containsExactly("1 error occurred:\n\t* permission denied\n\n"));
  }

  @Test
  void aRevokedTokenIsRejectedNotDenied(BaoTarget bao) {
    OpenBaoClient client =
        bao.as(bao.tokenWithPolicies(Duration.ofHours(1), "default").clientToken());
    client.revokeSelf();
    assertThatThrownBy(client::lookupSelf).isInstanceOf(TokenRejectedException.class);
    assertThatThrownBy(client::revokeSelf).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void theMostSpecificRuleWinsWithoutUnion(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    String policy =
        bao.policy(
            bao.unique("conf-spec"),
            "path \""
                + mount
                + "/data/*\" {\n  capabilities = [\"create\", \"update\", \"read\"]\n}\n"
                + "path \""
                + mount
                + "/data/locked/*\" {\n  capabilities = [\"read\"]\n}\n"
                + "path \""
                + mount
                + "/data/open/+/deny-me\" {\n  capabilities = [\"deny\"]\n}\n");
    KvV2 kv = bao.as(bao.tokenWithPolicies(Duration.ofHours(1), policy).clientToken()).kv(mount);
    assertThat(kv.put("anything", Map.of("a", "b")).version()).isEqualTo(1);
    assertThatThrownBy(() -> kv.put("locked/x", Map.of("a", "b")))
        .isInstanceOf(PermissionDeniedException.class);
    bao.admin().kv(mount).put("locked/x", Map.of("a", "b"));
    assertThat(kv.get("locked/x").data()).containsEntry("a", "b");
    assertThat(kv.put("open/team/fine", Map.of("a", "b")).version()).isEqualTo(1);
    assertThatThrownBy(() -> kv.put("open/team/deny-me", Map.of("a", "b")))
        .isInstanceOf(PermissionDeniedException.class);
  }

  /**
   * OpenBao 2.6.0 (GHSA-xp3c-3jw3-4vcr) matches a LIST of {@code folder/} against the glob rules
   * with the trailing slash first, so the rule for the folder's contents governs listing it.
   */
  @Test
  void listingAFolderIsGovernedByTheRuleForItsContents(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    String policy =
        bao.policy(
            bao.unique("conf-folder"),
            rule(mount + "/metadata/*", "list")
                + rule(mount + "/metadata/private/*", "deny")
                + rule(mount + "/metadata/shared/*", "list")
                + rule(mount + "/metadata/sha*", "deny"));
    bao.admin().kv(mount).put("private/x", Map.of("a", "b"));
    bao.admin().kv(mount).put("shared/x", Map.of("a", "b"));
    VaultToken token = bao.tokenWithPolicies(Duration.ofHours(1), policy).clientToken();

    assertThat(bao.send(token, "LIST", mount + "/metadata/private/", null, "")).isEqualTo(403);
    assertThat(bao.send(token, "LIST", mount + "/metadata/shared/", null, "")).isEqualTo(200);
    assertThat(bao.as(token).capabilitiesSelf(mount + "/metadata/private/"))
        .containsExactly("deny");
    assertThat(bao.as(token).capabilitiesSelf(mount + "/metadata/shared/")).containsExactly("list");
  }

  @Test
  void theSamePatternInTwoPoliciesIsUnioned(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    String reader =
        bao.policy(
            bao.unique("conf-r"),
            "path \"" + mount + "/data/*\" {\n  capabilities = [\"read\"]\n}\n");
    String writer =
        bao.policy(
            bao.unique("conf-w"),
            "path \"" + mount + "/data/*\" {\n  capabilities = [\"create\"]\n}\n");
    OpenBaoClient both =
        bao.as(bao.tokenWithPolicies(Duration.ofHours(1), reader, writer).clientToken());
    both.kv(mount).put("k", Map.of("a", "b"));
    assertThat(both.kv(mount).get("k").isPresent()).isTrue();
    assertThat(both.capabilitiesSelf(mount + "/data/k"))
        .containsExactlyInAnyOrder("create", "read");
  }

  @Test
  void capabilitiesSelfReportsPerPath(BaoTarget bao) {
    String policy =
        bao.policy(
            bao.unique("conf-cap"),
            "path \"secret/data/app/*\" {\n  capabilities = [\"read\", \"list\"]\n}\n");
    OpenBaoClient client = bao.as(bao.tokenWithPolicies(Duration.ofHours(1), policy).clientToken());
    Map<String, Set<String>> capabilities =
        client.capabilitiesSelf(
            List.of("secret/data/app/x", "sys/mounts", "auth/token/lookup-self"));
    assertThat(capabilities.get("secret/data/app/x")).containsExactlyInAnyOrder("list", "read");
    assertThat(capabilities.get("sys/mounts")).containsExactly("deny");
    assertThat(capabilities.get("auth/token/lookup-self")).containsExactly("read");
    assertThat(bao.admin().capabilitiesSelf("anything")).containsExactly("root");
  }

  @Test
  void aDeletedPolicyLeavesItsTokensWithNothing(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    String name = bao.unique("conf-gone");
    bao.policy(
        name, "path \"" + mount + "/data/*\" {\n  capabilities = [\"create\", \"read\"]\n}\n");
    KvV2 kv = bao.as(bao.tokenWithPolicies(Duration.ofHours(1), name).clientToken()).kv(mount);
    kv.put("k", Map.of("a", "b"));
    bao.admin().deletePolicy(name);
    assertThatThrownBy(() -> kv.get("k")).isInstanceOf(PermissionDeniedException.class);
  }

  private static String rule(String path, String... capabilities) {
    return "path \""
        + path
        + "\" {\n  capabilities = [\""
        + String.join("\", \"", capabilities)
        + "\"]\n}\n";
  }
}
