package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.openbao.TokenRole;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.openbao.policy.RotatorRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenBao namespaces (2.3 and later) as the project relies on them: each has its own mounts,
 * policies, token roles and tokens; a token acts in its namespace and the ones below it, never
 * above or beside; accessor operations stay inside one namespace (2.5.3); {@code sys/namespaces}
 * lists, reads and refuses to delete a parent. Skipped against a server without namespaces.
 */
@ExtendWith(BaoTargetExtension.class)
class NamespacesConformanceIT {

  /** A namespace with a KV v2 mount, the narrow policy and the rotator role of one backend. */
  private record Provisioned(String namespace, NarrowAccess access, IssuedToken minted) {}

  private static Provisioned provision(BaoTarget bao, String namespace) {
    OpenBaoClient admin = bao.adminIn(namespace);
    String mount = bao.unique("conf-kv");
    admin.enableKvV2(mount, "conformance test mount in a namespace");
    NarrowAccess access = NarrowAccess.forBackend("team-a", "bao", mount, "mcpctl");
    admin.writePolicy(access.policyName(), NarrowPolicy.hcl(access));
    admin.writeTokenRole(RotatorRole.desired(access));
    IssuedToken minted = admin.createToken(access.roleName());
    bao.afterTest(() -> bao.adminIn(namespace).revokeAccessor(minted.accessor()));
    return new Provisioned(namespace, access, minted);
  }

  @Test
  void aTokenMintedInANamespaceCarriesItsIdAndWorksThere(BaoTarget bao) {
    Provisioned team = provision(bao, bao.freshNamespace(""));
    OpenBaoClient token = bao.in(team.namespace(), team.minted().clientToken());

    assertThat(team.minted().clientToken().reveal()).matches("(s|hvs)\\.[A-Za-z0-9]+\\.\\w{5,}");
    assertThat(team.minted().accessor()).matches("[A-Za-z0-9]+\\.\\w{5,}");
    assertThat(team.minted().policies()).containsExactly("default", team.access().policyName());
    token
        .kv(team.access().mount())
        .put(team.access().folder() + "/probe", Map.of("value", "in the namespace"));
    assertThat(token.kv(team.access().mount()).get(team.access().folder() + "/probe").data())
        .containsEntry("value", "in the namespace");
    assertThat(token.renewSelf().leaseDuration()).isEqualTo(RotatorRole.TOKEN_PERIOD);
  }

  @Test
  void aTokenActsInItsNamespaceAndBelowButNeitherAboveNorBeside(BaoTarget bao) {
    String team = bao.freshNamespace("");
    String child = bao.freshNamespace(team);
    String sibling = bao.freshNamespace("");
    OpenBaoClient admin = bao.adminIn(team);
    String childName = child.substring(team.length() + 1);
    admin.writePolicy(
        "sees-child",
        "path \"" + childName + "/sys/policies/acl/*\" { capabilities = [\"read\"] }\n");
    bao.afterTest(() -> bao.adminIn(team).deletePolicy("sees-child"));
    admin.writeTokenRole(
        new TokenRole(
            "conf-child-reader",
            List.of("sees-child"),
            List.of(),
            true,
            true,
            java.time.Duration.ofHours(1),
            java.time.Duration.ZERO,
            "service",
            "",
            false,
            0));
    IssuedToken reader = admin.createToken("conf-child-reader");
    bao.afterTest(() -> bao.adminIn(team).revokeAccessor(reader.accessor()));

    assertThat(bao.in(child, reader.clientToken()).readPolicy("default"))
        .as("a path of the namespace below, named relative to the token's own")
        .isPresent();
    assertThatThrownBy(() -> bao.in(team, reader.clientToken()).readPolicy("default"))
        .as("its rule names the child's path, not its own namespace's")
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> bao.in("", reader.clientToken()).readPolicy("default"))
        .as("the root namespace, above its own")
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> bao.in(sibling, reader.clientToken()).readPolicy("default"))
        .as("a namespace beside its own")
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void theSelfPathsRunInTheTokensNamespaceWhateverTheRequestNames(BaoTarget bao) {
    Provisioned team = provision(bao, bao.freshNamespace(""));
    String sibling = bao.freshNamespace("");
    IssuedToken minted = team.minted();

    for (String asked : List.of("", sibling, team.namespace())) {
      assertThat(bao.in(asked, minted.clientToken()).lookupSelf().accessor())
          .as("lookup-self asked in namespace '" + asked + "'")
          .isEqualTo(minted.accessor());
    }
    assertThat(bao.in("", minted.clientToken()).renewSelf().leaseDuration())
        .isEqualTo(RotatorRole.TOKEN_PERIOD);
  }

  @Test
  void accessorOperationsStayInsideTheTokensNamespace(BaoTarget bao) {
    Provisioned team = provision(bao, bao.freshNamespace(""));
    String accessor = team.minted().accessor();

    assertThatThrownBy(() -> bao.admin().lookupAccessor(accessor))
        .as("from the root namespace, as OpenBao 2.5.3 refuses (GHSA-p49j-v9wc-wg57)")
        .isInstanceOfSatisfying(
            OpenBaoException.class, refused -> assertThat(refused.status()).isEqualTo(500));
    assertThatThrownBy(() -> bao.admin().revokeAccessor(accessor))
        .isInstanceOfSatisfying(
            OpenBaoException.class, refused -> assertThat(refused.status()).isEqualTo(500));
    assertThat(bao.adminIn(team.namespace()).lookupAccessor(accessor)).isPresent();
  }

  @Test
  void anUnknownNamespaceIsNotFoundAndAPathPrefixWorksLikeTheHeader(BaoTarget bao) {
    String team = bao.freshNamespace("");

    assertThat(bao.sendWithAdmin("GET", "sys/policies/acl/default", null, bao.unique("absent")))
        .isEqualTo(404);
    assertThat(bao.sendWithAdmin("GET", team + "/sys/policies/acl/default", null)).isEqualTo(200);
    assertThat(bao.sendWithAdmin("GET", "sys/policies/acl/default", null, team)).isEqualTo(200);
    assertThat(bao.sendWithAdmin("GET", "sys/audit", null, team))
        .as("operation only available in root namespace")
        .isEqualTo(400);
    assertThat(bao.sendWithAdmin("GET", team + "/sys/health", null))
        .as("a root-only path reached through a namespace in the path")
        .isEqualTo(400);
  }

  @Test
  void sysNamespacesListsTheChildrenAndRefusesToDeleteAParent(BaoTarget bao) {
    String team = bao.freshNamespace("");
    bao.freshNamespace(team);

    assertThat(bao.sendWithAdmin("LIST", "sys/namespaces", null, team)).isEqualTo(200);
    assertThat(bao.sendWithAdmin("GET", "sys/namespaces/" + team, null)).isEqualTo(200);
    assertThat(bao.sendWithAdmin("DELETE", "sys/namespaces/" + team, null))
        .as(
            "unable to delete namespace containing child namespaces: a coded 409 that OpenBao"
                + " answers as 400")
        .isEqualTo(400);
    assertThat(bao.sendWithAdmin("POST", "sys/namespaces/a/b", "{}")).isEqualTo(400);
    assertThat(bao.sendWithAdmin("POST", "sys/namespaces/sys", "{}")).isEqualTo(400);
  }

  @Test
  @StandInOnly("a real server deletes a namespace behind its answer; the stand-in at once")
  void deletingANamespaceRevokesItsTokens(BaoTarget bao) {
    String team = bao.freshNamespace("");
    Provisioned provisioned = provision(bao, team);

    assertThat(bao.sendWithAdmin("DELETE", "sys/namespaces/" + team, null)).isEqualTo(200);

    assertThat(bao.standIn().tokenByAccessor(provisioned.minted().accessor())).isEmpty();
  }
}
