package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.KvV2;
import io.mcpctl.openbao.MountKind;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.openbao.TokenRole;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.openbao.policy.RoleCheck;
import io.mcpctl.openbao.policy.RoleFinding;
import io.mcpctl.openbao.policy.RotatorRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A token minted through the rotation role with the narrow policy of design §6 can do exactly what
 * the design allows, and gets 403 for the rest: another prefix, another role, {@code sys/}, the
 * accessor endpoints.
 */
@ExtendWith(BaoTargetExtension.class)
class NarrowPolicyConformanceIT {
  private NarrowAccess access;
  private String otherRole;
  private OpenBaoClient narrow;
  private IssuedToken minted;

  @BeforeEach
  void provision(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    String backend = bao.unique("conf-bao");
    access = NarrowAccess.forBackend("team-a", backend, mount, "mcpctl");
    bao.policy(access.policyName(), NarrowPolicy.hcl(access));
    bao.admin().writeTokenRole(RotatorRole.desired(access));
    bao.deleteRoleAfterTest(access.roleName());
    otherRole = bao.unique("conf-other");
    bao.admin()
        .writeTokenRole(
            new TokenRole(
                otherRole,
                List.of(access.policyName()),
                List.of(),
                true,
                true,
                Duration.ofHours(1),
                Duration.ZERO,
                "service",
                "",
                false,
                0));
    bao.deleteRoleAfterTest(otherRole);
    minted = bao.admin().createToken(access.roleName());
    bao.revokeAfterTest(minted);
    narrow = bao.as(minted.clientToken());
  }

  @Test
  void theMintedTokenIsAnOrphanPeriodicTokenWithTheNarrowPolicy(BaoTarget bao) {
    assertThat(minted.policies()).containsExactly("default", access.policyName());
    assertThat(minted.orphan()).isTrue();
    assertThat(minted.renewable()).isTrue();
    assertThat(minted.leaseDuration()).isEqualTo(RotatorRole.TOKEN_PERIOD);
    TokenInfo self = narrow.lookupSelf();
    assertThat(self.role()).contains(access.roleName());
    assertThat(narrow.renewSelf().leaseDuration()).isEqualTo(RotatorRole.TOKEN_PERIOD);
  }

  @Test
  void itMayUseSecretsInItsNamespacesFolder(BaoTarget bao) {
    KvV2 kv = narrow.kv(access.mount());
    assertThat(kv.put("mcpctl/team-a/github", Map.of("token", "v1")).version()).isEqualTo(1);
    assertThat(kv.put("mcpctl/team-a/github", Map.of("token", "v2")).version()).isEqualTo(2);
    assertThat(kv.get("mcpctl/team-a/github").data()).containsEntry("token", "v2");
    assertThat(kv.list("mcpctl/team-a")).containsExactly("github");
    assertThat(kv.readMetadata("mcpctl/team-a/github").orElseThrow().currentVersion()).isEqualTo(2);
    kv.softDelete("mcpctl/team-a/github");
    kv.deleteMetadata("mcpctl/team-a/github");
    assertThat(kv.healthCheckRoundTrip(access.folder()).version()).isEqualTo(1);
    assertThat(narrow.readMountPreflight(access.mount()).kind()).isEqualTo(MountKind.KV_V2);
  }

  @Test
  void itMayMintItsSuccessorAndRetireItself(BaoTarget bao) {
    IssuedToken successor = narrow.createToken(access.roleName());
    bao.revokeAfterTest(successor);
    assertThat(successor.orphan()).isTrue();
    narrow.revokeSelf();
    assertThat(bao.as(successor.clientToken()).lookupSelf().accessor())
        .isEqualTo(successor.accessor());
  }

  @Test
  void anotherNamespacesSecretsAreOutOfReach(BaoTarget bao) {
    KvV2 kv = narrow.kv(access.mount());
    bao.admin().kv(access.mount()).put("mcpctl/team-b/payroll", Map.of("salary", "secret"));
    assertThatThrownBy(() -> kv.get("mcpctl/team-b/payroll"))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> kv.put("mcpctl/team-b/payroll", Map.of("salary", "0")))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> kv.readMetadata("mcpctl/team-b/payroll"))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> kv.list("mcpctl/team-b"))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> kv.list("mcpctl")).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> kv.put("mcpctl/.mcpctl-healthcheck", Map.of("a", "b")))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void everythingElseIsForbidden(BaoTarget bao) {
    KvV2 kv = narrow.kv(access.mount());
    bao.admin().kv(access.mount()).put("elsewhere/secret", Map.of("a", "b"));
    assertThatThrownBy(() -> kv.get("elsewhere/secret"))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> kv.put("elsewhere/other", Map.of("a", "b")))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> kv.put("mcpctl-sibling/x", Map.of("a", "b")))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> kv.list("")).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> narrow.createToken(otherRole))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> narrow.createToken(TokenCreateRequest.builder().build()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(
            () -> narrow.createToken(TokenCreateRequest.builder().orphanEndpoint().build()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> narrow.readMount(access.mount()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> narrow.readPolicy(access.policyName()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(
            () ->
                narrow.writePolicy(
                    access.policyName(), "path \"*\" {\n  capabilities = [\"sudo\"]\n}\n"))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> narrow.readTokenRole(access.roleName()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> narrow.enableKvV2(bao.unique("conf-x"), ""))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> narrow.revokeAccessor(minted.accessor()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> narrow.lookupAccessor(minted.accessor()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(narrow.lookupSelf().accessor()).isEqualTo(minted.accessor());
  }

  @Test
  void theRoleAsTheServerReportsItPassesTheRoleCheck(BaoTarget bao) {
    TokenRole stored = bao.admin().readTokenRole(access.roleName()).orElseThrow();
    assertThat(
            RoleCheck.check(
                stored, access.policyName(), Duration.ofHours(24), Duration.ofMinutes(10)))
        .isEmpty();

    String legacy = bao.unique("conf-legacy");
    bao.deleteRoleAfterTest(legacy);
    bao.sendWithAdmin(
        "POST",
        "auth/token/roles/" + legacy,
        "{\"allowed_policies\":\"" + access.policyName() + "\",\"period\":\"2h\"}");
    TokenRole unsafe = bao.admin().readTokenRole(legacy).orElseThrow();
    assertThat(unsafe.tokenPeriod()).isEqualTo(Duration.ofHours(2));
    assertThat(
            RoleCheck.check(
                unsafe, access.policyName(), Duration.ofHours(24), Duration.ofMinutes(10)))
        .extracting(RoleFinding::setting)
        .containsExactlyInAnyOrder("orphan", "token_period");
  }
}
