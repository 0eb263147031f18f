package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.openbao.KvV2;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.openbao.VaultToken;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The constraints a policy path puts on a request besides its capabilities ({@code
 * vault/policy/acl.go} {@code AllowOperation}): a policy must never grant more on the stand-in than
 * on a real server.
 */
@ExtendWith(BaoTargetExtension.class)
class ParameterConstraintsConformanceIT {

  @Test
  void allowedParametersAdmitOnlyTheNamedParametersAndMatchingValues(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    VaultToken token =
        tokenWith(
            bao,
            "path \""
                + mount
                + "/metadata/*\" {\n"
                + "  capabilities = [\"create\", \"update\"]\n"
                + "  allowed_parameters = {\n"
                + "    \"max_versions\" = []\n"
                + "    \"delete_version_after\" = [\"1h*\"]\n"
                + "  }\n"
                + "}\n");

    assertThat(write(bao, token, mount + "/metadata/a", "{\"max_versions\": 3}")).isEqualTo(204);
    assertThat(write(bao, token, mount + "/metadata/a", "{\"delete_version_after\": \"1h30m\"}"))
        .isEqualTo(204);
    assertThat(write(bao, token, mount + "/metadata/a", "{\"delete_version_after\": \"2h\"}"))
        .isEqualTo(403);
    assertThat(write(bao, token, mount + "/metadata/a", "{\"cas_required\": true}")).isEqualTo(403);
  }

  @Test
  void deniedAndRequiredParametersAreEnforced(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    VaultToken token =
        tokenWith(
            bao,
            "path \""
                + mount
                + "/metadata/*\" {\n"
                + "  capabilities = [\"create\", \"update\"]\n"
                + "  denied_parameters = { \"cas_required\" = [] }\n"
                + "  required_parameters = [\"max_versions\"]\n"
                + "}\n");

    assertThat(write(bao, token, mount + "/metadata/a", "{\"max_versions\": 3}")).isEqualTo(204);
    assertThat(
            write(
                bao, token, mount + "/metadata/a", "{\"max_versions\": 3, \"cas_required\": true}"))
        .isEqualTo(403);
    assertThat(write(bao, token, mount + "/metadata/a", "{\"custom_metadata\": {\"a\": \"b\"}}"))
        .isEqualTo(403);
  }

  /** The stand-in never wraps a response, so every request under a wrapping bound is refused. */
  @Test
  void aWrappingTtlBoundRefusesAnUnwrappedRequest(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    bao.admin().kv(mount).put("wrapped/x", Map.of("a", "b"));
    VaultToken token =
        tokenWith(
            bao,
            "path \""
                + mount
                + "/data/wrapped/*\" {\n"
                + "  capabilities = [\"read\"]\n"
                + "  min_wrapping_ttl = \"1m\"\n"
                + "  max_wrapping_ttl = 3600\n"
                + "}\n");

    assertThat(bao.as(token).capabilitiesSelf(mount + "/data/wrapped/x")).containsExactly("read");
    assertThatThrownBy(() -> bao.as(token).kv(mount).get("wrapped/x"))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void aPaginationLimitCapsAListingAndRefusesALargerPage(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    for (String key : new String[] {"pages/a", "pages/b", "pages/c", "strict/a"}) {
      bao.admin().kv(mount).put(key, Map.of("a", "b"));
    }
    VaultToken token =
        tokenWith(
            bao,
            "path \""
                + mount
                + "/metadata/pages/*\" {\n"
                + "  capabilities = [\"list\"]\n"
                + "  pagination_limit = 2\n"
                + "}\n"
                + "path \""
                + mount
                + "/metadata/strict/*\" {\n"
                + "  capabilities = [\"list\"]\n"
                + "  pagination_limit = 2\n"
                + "  required_parameters = [\"limit\"]\n"
                + "}\n");
    KvV2 kv = bao.as(token).kv(mount);

    assertThat(kv.list("pages")).containsExactly("a", "b");
    assertThat(bao.send(token, "LIST", mount + "/metadata/pages/?limit=3", null, ""))
        .isEqualTo(403);
    assertThat(bao.send(token, "LIST", mount + "/metadata/pages/?limit=1", null, ""))
        .isEqualTo(200);
    assertThat(bao.send(token, "LIST", mount + "/metadata/strict/", null, "")).isEqualTo(403);
    assertThat(bao.send(token, "LIST", mount + "/metadata/strict/?limit=max", null, ""))
        .isEqualTo(200);
  }

  private static VaultToken tokenWith(BaoTarget bao, String hcl) {
    String policy = bao.policy(bao.unique("conf-params"), hcl);
    return bao.tokenWithPolicies(Duration.ofHours(1), policy).clientToken();
  }

  private static int write(BaoTarget bao, VaultToken token, String path, String json) {
    return bao.send(token, "POST", path, json, "");
  }
}
