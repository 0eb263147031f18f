package io.mcpctl.sandbox.openbao.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import org.junit.jupiter.api.Test;

/** The HCL subset and JSON form of policies, and OpenBao's parse errors. */
class PolicyParserTest {

  @Test
  void readsPathBlocksCommentsAndEveryCapability() {
    Policy policy =
        PolicyParser.parse(
            "p",
            """
            # hash comment
            // slash comment
            /* block
               comment */
            path "secret/data/mcpctl/*" {
              capabilities = ["create", "read", "update", "patch", "delete", "list", "scan", "sudo"]
              comment = "CRUD"
            }
            path "/leading/slash" { capabilities = ["read",] }
            """);
    assertThat(policy.rules())
        .extracting(PathRule::pattern)
        .containsExactly("secret/data/mcpctl/*", "leading/slash");
    assertThat(policy.rules().get(0).capabilities()).isEqualTo(0b1_1111_1110);
  }

  @Test
  void readsTheJsonForm() {
    Policy policy =
        PolicyParser.parse(
            "p",
            "{\"path\": {\"a/*\": {\"capabilities\": [\"read\"]}, \"b\": {\"policy\": \"write\"}}}");
    assertThat(policy.rules()).extracting(PathRule::pattern).containsExactly("a/*", "b");
    assertThat(Capability.LIST.in(policy.rules().get(1).capabilities())).isTrue();
  }

  @Test
  void denyDropsEveryOtherCapability() {
    Policy policy =
        PolicyParser.parse("p", "path \"x\" { capabilities = [\"read\", \"deny\", \"update\"] }");
    assertThat(policy.rules().get(0).capabilities()).isEqualTo(Capability.DENY.bit());
  }

  @Test
  void rejectsWhatOpenBaoRejectsInItsWords() {
    assertThatThrownBy(() -> PolicyParser.parse("p", "path \"x\" { capabilities = [\"foo\"] }"))
        .isInstanceOf(ApiError.class)
        .hasMessage("failed to parse policy: path \"x\": invalid capability \"foo\"");
    assertThatThrownBy(() -> PolicyParser.parse("p", "path \"x+*\" { capabilities = [\"read\"] }"))
        .hasMessage(
            "failed to parse policy: path \"x+*\": invalid use of wildcards ('+*' is forbidden)");
    assertThatThrownBy(() -> PolicyParser.parse("p", "\npaths \"x\" { capabilities = [\"read\"] }"))
        .hasMessage(
            "failed to parse policy: 1 error occurred:\n\t* invalid key \"paths\" on line 2\n\n");
    assertThatThrownBy(() -> PolicyParser.parse("p", "path \"x\" {\n  capability = [\"read\"]\n}"))
        .hasMessage(
            "failed to parse policy: 1 error occurred:\n\t* path \"x\": invalid key \"capability\" on line 2\n\n");
    assertThatThrownBy(() -> PolicyParser.parse("p", "path \"x\" { capabilities = [\"read\" }"))
        .hasMessageStartingWith("failed to parse policy: At 1:");
    assertThat(((ApiError) catchApiError("path \"x\" {")).status()).isEqualTo(400);
  }

  private static Throwable catchApiError(String text) {
    try {
      PolicyParser.parse("p", text);
      throw new AssertionError("expected a parse error for: " + text);
    } catch (ApiError error) {
      return error;
    }
  }

  @Test
  void refusesAResponseKeysFilterItCannotApplyRatherThanGrantTheUnfilteredListing() {
    assertThatThrownBy(
            () ->
                PolicyParser.parse(
                    "p",
                    "path \"a/*\" { capabilities = [\"list\"]\n"
                        + " list_scan_response_keys_filter_path = \"a/{{ .key }}\" }"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("not modelled by the OpenBao stand-in");
  }

  @Test
  void refusesAMaximumWrappingTtlBelowTheMinimumAsOpenBaoDoes() {
    assertThatThrownBy(
            () ->
                PolicyParser.parse(
                    "p",
                    "path \"a\" { capabilities = [\"read\"]\n"
                        + " min_wrapping_ttl = \"10m\"\n max_wrapping_ttl = 60 }"))
        .isInstanceOf(ApiError.class)
        .hasMessage(
            "failed to parse policy: max_wrapping_ttl cannot be less than min_wrapping_ttl");
  }
}
