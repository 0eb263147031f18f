package io.mcpctl.sandbox.openbao.acl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenBao's ACL matching rules, case by case. */
class AclTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private static Acl acl(String... hcl) {
    List<Policy> policies = new ArrayList<>();
    for (int i = 0; i < hcl.length; i++) {
      policies.add(PolicyParser.parse("p" + i, hcl[i]));
    }
    return Acl.of(policies, NOW);
  }

  @Test
  void anExactRuleBeatsAGlobThatGrantsMore() {
    Acl acl =
        acl(
            "path \"secret/*\" { capabilities = [\"read\", \"update\"] }\npath \"secret/x\" { capabilities = [\"read\"] }");
    assertThat(acl.allows(Operation.UPDATE, "secret/x", false)).isFalse();
    assertThat(acl.allows(Operation.UPDATE, "secret/y", false)).isTrue();
  }

  @Test
  void capabilitiesAreNotUnionedAcrossDifferentPatterns() {
    Acl acl =
        acl(
            "path \"secret/data/*\" { capabilities = [\"create\"] }",
            "path \"secret/data/app/*\" { capabilities = [\"read\"] }");
    assertThat(acl.allows(Operation.READ, "secret/data/app/x", false)).isTrue();
    assertThat(acl.allows(Operation.CREATE, "secret/data/app/x", false)).isFalse();
    assertThat(acl.allows(Operation.CREATE, "secret/data/other", false)).isTrue();
  }

  @Test
  void theSamePatternInSeveralPoliciesIsUnionedAndDenyWins() {
    Acl union =
        acl(
            "path \"a/*\" { capabilities = [\"read\"] }",
            "path \"a/*\" { capabilities = [\"update\"] }");
    assertThat(union.capabilities("a/b")).containsExactly("read", "update");
    Acl denied =
        acl(
            "path \"a/*\" { capabilities = [\"read\"] }",
            "path \"a/*\" { capabilities = [\"deny\"] }");
    assertThat(denied.capabilities("a/b")).containsExactly("deny");
    assertThat(denied.allows(Operation.READ, "a/b", false)).isFalse();
  }

  @Test
  void aLessSpecificDenyDoesNotOverrideAMoreSpecificAllow() {
    Acl acl =
        acl(
            "path \"secret/*\" { capabilities = [\"deny\"] }\npath \"secret/app/*\" { capabilities = [\"read\"] }");
    assertThat(acl.allows(Operation.READ, "secret/app/key", false)).isTrue();
    assertThat(acl.allows(Operation.READ, "secret/other", false)).isFalse();
  }

  @Test
  void plusMatchesExactlyOneSegment() {
    Acl acl = acl("path \"secret/+/config\" { capabilities = [\"read\"] }");
    assertThat(acl.allows(Operation.READ, "secret/team/config", false)).isTrue();
    assertThat(acl.allows(Operation.READ, "secret/a/b/config", false)).isFalse();
    assertThat(acl.allows(Operation.READ, "secret/config", false)).isFalse();
  }

  @Test
  void theGlobIsAPrefixMatchThatAlsoMatchesTheEmptyRest() {
    Acl acl = acl("path \"secret/foo*\" { capabilities = [\"read\", \"list\"] }");
    assertThat(acl.allows(Operation.READ, "secret/foobar", false)).isTrue();
    assertThat(acl.allows(Operation.READ, "secret/foo/bar", false)).isTrue();
    assertThat(acl.allows(Operation.READ, "secret/fo", false)).isFalse();
    Acl folder = acl("path \"secret/metadata/mcpctl/*\" { capabilities = [\"list\"] }");
    assertThat(folder.allows(Operation.LIST, "secret/metadata/mcpctl/", false)).isTrue();
    assertThat(folder.allows(Operation.LIST, "secret/metadata/", false)).isFalse();
  }

  @Test
  void anExactRuleWithoutTheSlashAlsoGrantsTheListing() {
    Acl acl = acl("path \"secret/metadata/team\" { capabilities = [\"list\"] }");
    assertThat(acl.allows(Operation.LIST, "secret/metadata/team/", false)).isTrue();
    assertThat(acl.allows(Operation.READ, "secret/metadata/team/", false)).isFalse();
  }

  @Test
  void priorityFollowsOpenBaosOrderForWildcardPatterns() {
    // a later first wildcard wins: foo/a* over foo/+
    Acl earlierWildcard =
        acl(
            "path \"foo/+\" { capabilities = [\"read\"] }\npath \"foo/a*\" { capabilities = [\"update\"] }");
    assertThat(earlierWildcard.capabilities("foo/ab")).containsExactly("update");
    // a non-prefix wins over a prefix at the same position: foo/+/bar over foo/+/ba*
    Acl prefixLoses =
        acl(
            "path \"foo/+/ba*\" { capabilities = [\"read\"] }\npath \"foo/+/bar\" { capabilities = [\"update\"] }");
    assertThat(prefixLoses.capabilities("foo/x/bar")).containsExactly("update");
    // fewer + segments win: foo/bar/+/baz over foo/+/+/baz (different first position anyway)
    Acl fewer =
        acl(
            "path \"foo/+/+/baz\" { capabilities = [\"read\"] }\npath \"foo/bar/+/baz\" { capabilities = [\"update\"] }");
    assertThat(fewer.capabilities("foo/bar/x/baz")).containsExactly("update");
    // longer wins: foo/+/bar/ba* over foo/+/bar/b*
    Acl longer =
        acl(
            "path \"foo/+/bar/b*\" { capabilities = [\"read\"] }\npath \"foo/+/bar/ba*\" { capabilities = [\"update\"] }");
    assertThat(longer.capabilities("foo/x/bar/baz")).containsExactly("update");
  }

  @Test
  void sudoIsNeededOnRootProtectedPathsAndRootBypassesEverything() {
    Acl withoutSudo = acl("path \"sys/audit\" { capabilities = [\"read\", \"update\"] }");
    assertThat(withoutSudo.allows(Operation.UPDATE, "sys/audit", true)).isFalse();
    Acl withSudo = acl("path \"sys/audit\" { capabilities = [\"update\", \"sudo\"] }");
    assertThat(withSudo.allows(Operation.UPDATE, "sys/audit", true)).isTrue();
    assertThat(Acl.root().allows(Operation.DELETE, "anything/at/all", true)).isTrue();
    assertThat(Acl.root().capabilities("x")).containsExactly("root");
  }

  @Test
  void mountAccessLooksForAnyGrantUnderTheMount() {
    Acl acl =
        acl(
            "path \"secret/data/mcpctl/*\" { capabilities = [\"read\"] }\npath \"other/x\" { capabilities = [\"deny\"] }");
    assertThat(acl.hasMountAccess("secret/")).isTrue();
    assertThat(acl.hasMountAccess("other/")).isFalse();
    assertThat(acl.hasMountAccess("cubbyhole/")).isFalse();
  }

  @Test
  void expiredPathsAreIgnored() {
    Acl acl =
        acl(
            "path \"a\" { capabilities = [\"read\"]\n expiration = \"2026-02-01T00:00:00Z\" }\npath \"b\" { capabilities = [\"read\"] }");
    assertThat(acl.allows(Operation.READ, "a", false)).isFalse();
    assertThat(acl.allows(Operation.READ, "b", false)).isTrue();
  }

  @Test
  void parameterListsOfTheSamePatternRestrictEvenWhenOnlyOnePolicyHasThem() {
    Acl acl =
        acl(
            "path \"a/*\" { capabilities = [\"update\"] }",
            "path \"a/*\" { capabilities = [\"update\"]\n allowed_parameters = { \"x\" = [] } }");
    ObjectNode other = Json.object().put("y", "1");
    assertThat(acl.allows(Operation.UPDATE, "a/b", Json.object().put("x", "1"), false)).isTrue();
    assertThat(acl.allows(Operation.UPDATE, "a/b", other, false)).isFalse();
  }

  @Test
  void aListingUnderAPageLimitGetsTheLimitAndMaxMeansItsLimit() {
    Acl acl = acl("path \"a/*\" { capabilities = [\"list\"]\n pagination_limit = 5 }");
    ObjectNode none = Json.object();
    ObjectNode max = Json.object().put("limit", "max");
    assertThat(acl.allows(Operation.LIST, "a/", none, false)).isTrue();
    assertThat(acl.allows(Operation.LIST, "a/", max, false)).isTrue();
    assertThat(none.get("limit").asText()).isEqualTo("5");
    assertThat(max.get("limit").asText()).isEqualTo("5");
    assertThat(acl.allows(Operation.LIST, "a/", Json.object().put("limit", -1), false)).isFalse();
  }

  /**
   * OpenBao's bare-mount check answers with the longest glob rule over the mount whatever it grants
   * when no policy has a {@code +} rule, so a deny glob still admits the mount lookup; a single
   * {@code +} rule anywhere takes that path away (vault/policy/acl.go,
   * CheckAllowedFromNonExactPaths with bareMount).
   */
  @Test
  void aDenyGlobOverAMountAdmitsItsLookupOnlyWithoutSegmentWildcards() {
    String denyAll = "path \"kv/*\" {\n  capabilities = [\"deny\"]\n}\n";
    assertThat(acl(denyAll).hasMountAccess("kv/")).isTrue();
    String elsewhere = "path \"other/+/x\" {\n  capabilities = [\"read\"]\n}\n";
    assertThat(acl(denyAll, elsewhere).hasMountAccess("kv/")).isFalse();
    assertThat(acl(elsewhere).hasMountAccess("other/")).isTrue();
    assertThat(acl(elsewhere).hasMountAccess("kv/")).isFalse();
  }
}
