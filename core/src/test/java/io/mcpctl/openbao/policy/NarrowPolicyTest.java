package io.mcpctl.openbao.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NarrowPolicyTest {

  @Test
  void writesExactlyTheNarrowPolicyOfDesignSectionSix() {
    NarrowAccess access = NarrowAccess.forBackend("bao", "secret", "mcpctl");

    assertThat(NarrowPolicy.hcl(access))
        .isEqualTo(
            """
            # Managed by mcpctl: the narrow policy mcpctl-bao.
            # Secrets under secret/mcpctl/ (KV v2 data and metadata).
            path "secret/data/mcpctl/*" {
              capabilities = ["create", "read", "update", "delete"]
            }

            path "secret/metadata/mcpctl/*" {
              capabilities = ["read", "list", "delete"]
            }

            # Mint the successor token through the rotation role (orphan, periodic).
            path "auth/token/create/mcpctl-bao-rotator" {
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
  void usesTheGivenMountPrefixAndRole() {
    NarrowAccess access =
        NarrowAccess.forBackend("bao", "kv/teams", "prod/mcp").withRoleName("custom-rotator");

    String hcl = NarrowPolicy.hcl(access);

    assertThat(hcl)
        .contains("path \"kv/teams/data/prod/mcp/*\" {")
        .contains("path \"kv/teams/metadata/prod/mcp/*\" {")
        .contains("path \"auth/token/create/custom-rotator\" {")
        .doesNotContain("mcpctl-bao-rotator");
  }

  @Test
  void grantsNothingOutsideTheNarrowSet() {
    String hcl = NarrowPolicy.hcl(NarrowAccess.forBackend("bao", "secret", "mcpctl"));

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
  void namesTheDefaultPolicyAndRoleAfterTheBackend() {
    NarrowAccess access = NarrowAccess.forBackend("team-a-bao", "secret", "mcpctl");

    assertThat(access.policyName()).isEqualTo("mcpctl-team-a-bao");
    assertThat(access.roleName()).isEqualTo("mcpctl-team-a-bao-rotator");
    assertThat(access.withPolicyName("other").policyName()).isEqualTo("other");
  }

  @Test
  void refusesAPrefixThatWouldWidenThePolicy() {
    assertThatThrownBy(() -> NarrowAccess.forBackend("bao", "secret", "mcpctl/*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("path prefix");
    assertThatThrownBy(() -> NarrowAccess.forBackend("bao", "secret", "/mcpctl"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnUpperCasePolicyName() {
    assertThatThrownBy(
            () -> NarrowAccess.forBackend("bao", "secret", "mcpctl").withPolicyName("MCPCTL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Policy name");
  }
}
