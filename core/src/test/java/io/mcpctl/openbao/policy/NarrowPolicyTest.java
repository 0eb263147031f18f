package io.mcpctl.openbao.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NarrowPolicyTest {

  private static final NarrowAccess TEAM_A_BAO =
      NarrowAccess.forBackend("team-a", "bao", "secret", "mcpctl");

  @Test
  void writesExactlyTheNarrowPolicyOfDesignSectionSix() {
    assertThat(NarrowPolicy.hcl(TEAM_A_BAO))
        .isEqualTo(
            """
            # Managed by mcpctl for SecretBackend team-a/bao: the narrow policy mcpctl-team-a.bao.
            # Secrets of namespace team-a only, under secret/mcpctl/team-a/ (KV v2 data and metadata).
            path "secret/data/mcpctl/team-a/*" {
              capabilities = ["create", "read", "update", "delete"]
            }

            path "secret/metadata/mcpctl/team-a/*" {
              capabilities = ["read", "list", "delete"]
            }

            # Mint the successor token through the rotation role (orphan, periodic).
            path "auth/token/create/mcpctl-team-a.bao-rotator" {
              capabilities = ["update"]
            }

            # The token's own lifecycle, written out because the default policy may be edited.
            path "auth/token/lookup-self" {
              capabilities = ["read"]
            }

            path "auth/token/renew-self" {
              capabilities = ["update"]
            }

            path "auth/token/revoke-self" {
              capabilities = ["update"]
            }
            """);
  }

  @Test
  void grantsOnlyTheBackendsOwnNamespaceFolder() {
    String hcl = NarrowPolicy.hcl(TEAM_A_BAO);

    assertThat(hcl)
        .doesNotContain("\"secret/data/mcpctl/*\"")
        .doesNotContain("\"secret/metadata/mcpctl/*\"")
        .doesNotContain("mcpctl/+")
        .contains("\"secret/data/mcpctl/team-a/*\"");
  }

  @Test
  void usesTheGivenMountPrefixAndRole() {
    NarrowAccess access =
        NarrowAccess.forBackend("prod", "bao", "kv/teams", "prod/mcp")
            .withRoleName("custom-rotator");

    String hcl = NarrowPolicy.hcl(access);

    assertThat(hcl)
        .contains("path \"kv/teams/data/prod/mcp/prod/*\" {")
        .contains("path \"kv/teams/metadata/prod/mcp/prod/*\" {")
        .contains("path \"auth/token/create/custom-rotator\" {")
        .doesNotContain("mcpctl-prod-bao-rotator");
  }

  @Test
  void grantsNothingOutsideTheNarrowSet() {
    String hcl = NarrowPolicy.hcl(TEAM_A_BAO);

    assertThat(hcl)
        .doesNotContain("sys/")
        .doesNotContain("revoke-accessor")
        .doesNotContain("lookup-accessor")
        .doesNotContain("sudo")
        .doesNotContain("auth/token/create\"")
        .doesNotContain("auth/token/create/*")
        .doesNotContain("patch");
    assertThat(hcl.lines().filter(l -> l.startsWith("path ")).count()).isEqualTo(6);
  }

  @Test
  void theSameBackendNameInTwoNamespacesGetsTwoPoliciesAndTwoRoles() {
    NarrowAccess teamB = NarrowAccess.forBackend("team-b", "bao", "secret", "mcpctl");

    assertThat(TEAM_A_BAO.policyName()).isEqualTo("mcpctl-team-a.bao");
    assertThat(TEAM_A_BAO.roleName()).isEqualTo("mcpctl-team-a.bao-rotator");
    assertThat(teamB.policyName()).isNotEqualTo(TEAM_A_BAO.policyName());
    assertThat(teamB.roleName()).isNotEqualTo(TEAM_A_BAO.roleName());
    assertThat(TEAM_A_BAO.withPolicyName("other").policyName()).isEqualTo("other");
  }

  @Test
  void namesNeverCollideAcrossNamespacesNorWithTheSharedNamesOfEarlierVersions() {
    NarrowAccess teamBBao = NarrowAccess.forBackend("team-b", "bao", "secret", "mcpctl");
    NarrowAccess teamBDashBao = NarrowAccess.forBackend("team", "b-bao", "secret", "mcpctl");

    assertThat(teamBBao.policyName()).isEqualTo("mcpctl-team-b.bao");
    assertThat(teamBDashBao.policyName()).isEqualTo("mcpctl-team.b-bao");
    assertThat(teamBBao.roleName()).isNotEqualTo(teamBDashBao.roleName());
    assertThat(teamBBao.policyName())
        .as("an earlier version named backend team-b-bao's policy mcpctl-team-b-bao")
        .isNotEqualTo("mcpctl-team-b-bao");
  }

  @Test
  void thePolicyTextNamesTheBackendItWasWrittenFor() {
    assertThat(NarrowPolicy.owner(NarrowPolicy.hcl(TEAM_A_BAO))).contains("team-a/bao");
    assertThat(
            NarrowPolicy.owner(
                NarrowPolicy.hcl(TEAM_A_BAO.withPolicyName("shared").withRoleName("shared-r"))))
        .contains("team-a/bao");
  }

  @Test
  void aPolicyWrittenByHandOrBeforeNamespacesHasNoOwner() {
    assertThat(NarrowPolicy.owner("# Managed by mcpctl: the narrow policy mcpctl-bao.\npath ..."))
        .isEmpty();
    assertThat(NarrowPolicy.owner("path \"secret/*\" { capabilities = [\"read\"] }")).isEmpty();
    assertThat(NarrowPolicy.owner(null)).isEmpty();
  }

  @Test
  void refusesAPrefixThatWouldWidenThePolicy() {
    assertThatThrownBy(() -> NarrowAccess.forBackend("team-a", "bao", "secret", "mcpctl/*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("path prefix");
    assertThatThrownBy(() -> NarrowAccess.forBackend("team-a", "bao", "secret", "/mcpctl"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NarrowAccess.forBackend("team-a", "bao", "secret", "a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whitespace");
  }

  @Test
  void refusesANamespaceThatIsNotADnsLabel() {
    assertThatThrownBy(() -> NarrowAccess.forBackend("Team_A", "bao", "secret", "mcpctl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace");
    assertThatThrownBy(() -> NarrowAccess.forBackend("a/b", "bao", "secret", "mcpctl"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnUpperCasePolicyName() {
    assertThatThrownBy(() -> TEAM_A_BAO.withPolicyName("MCPCTL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Policy name");
  }
}
