package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.PermissionDeniedException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenBao 2.6.0 drops identity-template rules whose value holds {@code +}, {@code *} or {@code /}
 * (GHSA-59w7-v8rr-pr4p). The project's tokens have no entity, so no template ever resolves for
 * them: a templated rule grants them nothing, before 2.6 as after, and the project's policies use
 * none. {@code sys/seal-status} names the build by {@code commit_date} since 2.6.0.
 */
@ExtendWith(BaoTargetExtension.class)
class PolicyTemplatesConformanceIT {

  @Test
  void aTemplatedRuleGrantsATokenWithoutAnEntityNothing(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    String policy =
        bao.policy(
            bao.unique("conf-tpl"),
            "path \""
                + mount
                + "/data/{{identity.entity.name}}/*\" {\n  capabilities = [\"read\", \"create\"]\n}\n"
                + "path \""
                + mount
                + "/data/plain/*\" {\n  capabilities = [\"read\", \"create\"]\n}\n");
    IssuedToken token = bao.tokenWithPolicies(Duration.ofHours(1), policy);
    OpenBaoClient holder = bao.as(token.clientToken());

    assertThat(holder.lookupSelf().entityId()).isEmpty();
    holder.kv(mount).put("plain/x", Map.of("k", "v"));
    assertThatThrownBy(() -> holder.kv(mount).put("entity/x", Map.of("k", "v")))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void sealStatusNamesTheBuildByCommitDate(BaoTarget bao) {
    assertThat(bao.readWithAdmin("sys/seal-status").has("commit_date")).isTrue();
    assertThat(bao.readWithAdmin("sys/seal-status").has("build_date")).isFalse();
  }
}
