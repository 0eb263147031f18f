package io.mcpctl.sandbox.openbao.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.Json;
import org.junit.jupiter.api.Test;

/** The token type of a create call, as vault/token_store.go handleCreateCommon decides it. */
class RequestedTokenTypeTest {
  private static Fields fields(String json) throws Exception {
    return new Fields((ObjectNode) Json.MAPPER.readTree(json));
  }

  private static TokenRole role(String tokenType) {
    TokenRole role = new TokenRole("r");
    role.tokenType = tokenType;
    return role;
  }

  @Test
  void withoutARoleTheRequestDecidesAndServiceIsTheDefault() throws Exception {
    assertThat(RequestedTokenType.resolve(fields("{}"), null)).isEqualTo(TokenType.SERVICE);
    assertThat(RequestedTokenType.resolve(fields("{\"type\":\"batch\"}"), null))
        .isEqualTo(TokenType.BATCH);
    assertThatThrownBy(() -> RequestedTokenType.resolve(fields("{\"type\":\"default\"}"), null))
        .isInstanceOfSatisfying(
            ApiError.class,
            error -> assertThat(error.errors()).containsExactly("invalid 'token_type' value"));
  }

  @Test
  void aRoleOverridesOrDefaults() throws Exception {
    assertThat(RequestedTokenType.resolve(fields("{\"type\":\"batch\"}"), role("service")))
        .isEqualTo(TokenType.SERVICE);
    assertThat(RequestedTokenType.resolve(fields("{\"type\":\"service\"}"), role("batch")))
        .isEqualTo(TokenType.BATCH);
    assertThat(RequestedTokenType.resolve(fields("{}"), role("default-batch")))
        .isEqualTo(TokenType.BATCH);
    assertThat(RequestedTokenType.resolve(fields("{\"type\":\"service\"}"), role("default-batch")))
        .isEqualTo(TokenType.SERVICE);
    assertThat(RequestedTokenType.resolve(fields("{\"type\":\"batch\"}"), role("default-service")))
        .isEqualTo(TokenType.BATCH);
  }

  @Test
  void onlyTheFirstBatchOnlySettingGivenIsLookedAt() throws Exception {
    assertThatThrownBy(
            () ->
                RequestedTokenType.resolve(
                    fields("{\"type\":\"batch\",\"num_uses\":2,\"period\":\"1h\"}"), null))
        .isInstanceOfSatisfying(
            ApiError.class,
            error ->
                assertThat(error.errors())
                    .containsExactly("batch tokens cannot have \"num_uses\" set"));
    assertThat(
            RequestedTokenType.resolve(
                fields("{\"type\":\"batch\",\"explicit_max_ttl\":\"0\",\"num_uses\":2}"), null))
        .isEqualTo(TokenType.BATCH);
    assertThatThrownBy(
            () ->
                RequestedTokenType.resolve(
                    fields("{\"type\":\"batch\",\"explicit_max_ttl\":\"soon\"}"), null))
        .isInstanceOfSatisfying(
            ApiError.class,
            error ->
                assertThat(error.errors())
                    .containsExactly("'explicit_max_ttl' value could not be parsed"));
  }
}
