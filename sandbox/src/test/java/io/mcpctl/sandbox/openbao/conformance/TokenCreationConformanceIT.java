package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpctl.openbao.BadRequestException;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.VaultToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code auth/token/create} hands out and refuses (vault/token_store.go, handleCreateCommon
 * and create): {@code root} swallowing the other policies, batch tokens, custom ids, negative use
 * counts, and writes to a path ending in {@code /} (vault/request_handling.go).
 */
@ExtendWith(BaoTargetExtension.class)
class TokenCreationConformanceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MINT_ANY =
      "path \"auth/token/create*\" {\n  capabilities = [\"update\"]\n}\n";

  // ---- 1. root drops the other policies ------------------------------------------------------

  @Test
  void rootAmongTheRequestedPoliciesDropsTheOthers(BaoTarget bao) {
    IssuedToken mixed =
        bao.token(
            TokenCreateRequest.builder()
                .policies(List.of("conf-other", "Root", "default"))
                .ttl(Duration.ofHours(1))
                .build());
    assertThat(mixed.policies()).containsExactly("root");
    assertThat(mixed.tokenPolicies()).containsExactly("root");
    assertThat(bao.as(mixed.clientToken()).lookupSelf().policies()).containsExactly("root");
  }

  @Test
  void aRoleAllowingRootAmongOthersKeepsOnlyRoot(BaoTarget bao) {
    String role = bao.unique("conf-rootrole");
    assertThat(
            bao.sendWithAdmin(
                "POST",
                "auth/token/roles/" + role,
                "{\"allowed_policies\": [\"conf-a\", \"root\"], \"orphan\": true}"))
        .isEqualTo(204);
    bao.deleteRoleAfterTest(role);
    JsonNode read = bao.readWithAdmin("auth/token/roles/" + role).path("data");
    assertThat(strings(read.path("allowed_policies"))).containsExactly("root");
  }

  @Test
  void onlyARootTokenMayCreateARootToken(BaoTarget bao) {
    String sudoMinter =
        bao.policy(
            bao.unique("conf-sudo"),
            "path \"auth/token/create*\" {\n  capabilities = [\"update\", \"sudo\"]\n}\n");
    IssuedToken sudo = bao.tokenWithPolicies(Duration.ofHours(1), sudoMinter);
    assertThatThrownBy(
            () ->
                bao.as(sudo.clientToken())
                    .createToken(
                        TokenCreateRequest.builder()
                            .policies(List.of("root", "conf-x"))
                            .ttl(Duration.ofHours(1))
                            .build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused ->
                assertThat(refused.errors())
                    .containsExactly(
                        "root tokens may not be created without parent token being root"));
  }

  // ---- 2. batch tokens ---------------------------------------------------------------------

  @Test
  void aBatchTokenHasNoAccessorLooksUpButCannotBeRenewedOrRevoked(BaoTarget bao) {
    String minter = bao.policy(bao.unique("conf-mint"), MINT_ANY);
    IssuedToken batch =
        bao.admin()
            .createToken(
                TokenCreateRequest.builder()
                    .type("batch")
                    .policies(List.of(minter))
                    .ttl(Duration.ofMinutes(20))
                    .build());
    assertThat(batch.clientToken().reveal()).startsWith("b.");
    assertThat(batch.tokenType()).isEqualTo("batch");
    assertThat(batch.accessor()).isEmpty();
    assertThat(batch.renewable()).isFalse();
    assertThat(batch.orphan()).isFalse();
    assertThat(batch.leaseDuration()).isEqualTo(Duration.ofMinutes(20));
    assertThat(batch.policies()).containsExactly(minter, "default");

    OpenBaoClient asBatch = bao.as(batch.clientToken());
    TokenInfo info = asBatch.lookupSelf();
    assertThat(info.type()).isEqualTo("batch");
    assertThat(info.accessor()).isEmpty();
    assertThat(info.renewable()).isFalse();
    assertThat(info.creationTtl()).isEqualTo(Duration.ofMinutes(20));
    assertThat(info.ttl()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(20));
    assertThat(info.expireTime()).isNotNull();
    assertThat(info.policies()).containsExactly(minter, "default");

    assertThatThrownBy(asBatch::renewSelf)
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused ->
                assertThat(refused.errors()).containsExactly("batch tokens cannot be renewed"));
    assertThatThrownBy(asBatch::revokeSelf)
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused ->
                assertThat(refused.errors()).containsExactly("batch tokens cannot be revoked"));
    HttpResponse<String> revoke =
        bao.exchangeAs(
            bao.adminToken(),
            "POST",
            "auth/token/revoke",
            "{\"token\": \"" + batch.clientToken().reveal() + "\"}");
    assertThat(revoke.statusCode()).isEqualTo(400);
    assertThat(errors(revoke)).containsExactly("batch tokens cannot be revoked");
    assertThatThrownBy(
            () ->
                asBatch.createToken(
                    TokenCreateRequest.builder()
                        .policies(List.of("default"))
                        .ttl(Duration.ofMinutes(5))
                        .build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused ->
                assertThat(refused.errors())
                    .containsExactly("batch tokens cannot create more tokens"));
    assertThat(asBatch.lookupSelf().type()).isEqualTo("batch");
    assertThat(bao.admin().listAccessors()).doesNotContain("");
  }

  @Test
  void aBatchTokenDiesWithItsParent(BaoTarget bao) {
    String minter = bao.policy(bao.unique("conf-mint"), MINT_ANY);
    IssuedToken parent = bao.tokenWithPolicies(Duration.ofHours(1), minter);
    OpenBaoClient asParent = bao.as(parent.clientToken());
    IssuedToken child =
        asParent.createToken(
            TokenCreateRequest.builder()
                .type("batch")
                .policies(List.of("default"))
                .ttl(Duration.ofMinutes(20))
                .build());
    IssuedToken orphan =
        asParent.createToken(
            TokenCreateRequest.builder()
                .orphanEndpoint()
                .type("batch")
                .policies(List.of("default"))
                .ttl(Duration.ofMinutes(20))
                .build());
    assertThat(child.orphan()).isFalse();
    assertThat(orphan.orphan()).isTrue();
    assertThat(bao.as(child.clientToken()).lookupSelf().orphan()).isFalse();

    asParent.revokeSelf();

    assertThatThrownBy(() -> bao.as(child.clientToken()).lookupSelf())
        .isInstanceOf(TokenRejectedException.class);
    assertThat(bao.as(orphan.clientToken()).lookupSelf().type()).isEqualTo("batch");
  }

  @Test
  void batchTokensRefuseUsesAPeriodAnExplicitMaxAndRoot(BaoTarget bao) {
    assertThat(refusal(bao, batch().numUses(3))).containsExactly(batchCannotHave("num_uses"));
    assertThat(refusal(bao, batch().period(Duration.ofHours(1))))
        .containsExactly(batchCannotHave("period"));
    assertThat(refusal(bao, batch().explicitMaxTtl(Duration.ofHours(1))))
        .containsExactly(batchCannotHave("explicit_max_ttl"));
    // The admin token's own policy, root, is handed on when none is named.
    assertThat(
            refusal(
                bao, TokenCreateRequest.builder().type("batch").ttl(Duration.ofMinutes(5)).build()))
        .containsExactly("batch tokens cannot be root tokens");
  }

  @Test
  void aBatchChildGoesEvenWhenItsParentIsRevokedAsAnOrphan(BaoTarget bao) {
    String minter = bao.policy(bao.unique("conf-mint"), MINT_ANY);
    IssuedToken parent = bao.tokenWithPolicies(Duration.ofHours(1), minter);
    OpenBaoClient asParent = bao.as(parent.clientToken());
    IssuedToken batchChild = asParent.createToken(batch().ttl(Duration.ofMinutes(20)).build());
    IssuedToken serviceChild =
        asParent.createToken(
            TokenCreateRequest.builder()
                .policies(List.of("default"))
                .ttl(Duration.ofMinutes(20))
                .build());
    bao.revokeAfterTest(serviceChild);

    HttpResponse<String> revoked =
        bao.exchangeAs(
            bao.adminToken(),
            "POST",
            "auth/token/revoke-orphan",
            "{\"token\": \"" + parent.clientToken().reveal() + "\"}");
    assertThat(revoked.statusCode()).isEqualTo(204);

    assertThat(bao.as(serviceChild.clientToken()).lookupSelf().orphan()).isTrue();
    assertThatThrownBy(() -> bao.as(batchChild.clientToken()).lookupSelf())
        .isInstanceOf(TokenRejectedException.class);
  }

  @Test
  @StandInOnly("moves the clock")
  void aBatchTokenLivesExactlyItsTtl(BaoTarget bao) {
    IssuedToken batch = bao.admin().createToken(batch().ttl(Duration.ofMinutes(20)).build());
    bao.clock().advance(Duration.ofMinutes(19));
    assertThat(bao.as(batch.clientToken()).lookupSelf().ttl())
        .isLessThanOrEqualTo(Duration.ofMinutes(1));
    bao.clock().advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> bao.as(batch.clientToken()).lookupSelf())
        .isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void aBatchTokenIgnoresACustomIdButStillWarnsOfIt(BaoTarget bao) {
    String id = bao.unique("conf-bid").replace("-", "");
    HttpResponse<String> batch =
        createWithAdmin(
            bao,
            "{\"id\": \""
                + id
                + "\", \"type\": \"batch\", \"policies\": [\"default\"],"
                + " \"ttl\": \"5m\"}");
    assertThat(batch.statusCode()).isEqualTo(200);
    JsonNode body = json(batch);
    assertThat(body.path("auth").path("client_token").asText()).startsWith("b.").isNotEqualTo(id);
    assertThat(strings(body.path("warnings"))).anyMatch(w -> w.contains("custom ID"));
  }

  @Test
  void theRolesTokenTypeDecidesOrDefaultsTheType(BaoTarget bao) {
    String defaultBatch = role(bao, "conf-dbatch", "{\"token_type\": \"default-batch\"}");
    String defaultService = role(bao, "conf-dsvc", "{\"token_type\": \"default-service\"}");
    String service = role(bao, "conf-svc", "{\"token_type\": \"service\"}");
    String batch =
        role(
            bao,
            "conf-batch",
            "{\"token_type\": \"batch\", \"orphan\": true, \"renewable\": false}");

    assertThat(viaRole(bao, defaultBatch, "").tokenType()).isEqualTo("batch");
    assertThat(viaRole(bao, defaultBatch, "service").tokenType()).isEqualTo("service");
    assertThat(viaRole(bao, defaultService, "").tokenType()).isEqualTo("service");
    assertThat(viaRole(bao, defaultService, "batch").tokenType()).isEqualTo("batch");
    assertThat(viaRole(bao, service, "batch").tokenType()).isEqualTo("service");
    IssuedToken fromBatchRole = viaRole(bao, batch, "service");
    assertThat(fromBatchRole.tokenType()).isEqualTo("batch");
    assertThat(fromBatchRole.orphan()).isTrue();
    assertThat(fromBatchRole.accessor()).isEmpty();
    assertThat(bao.as(fromBatchRole.clientToken()).lookupSelf().role()).contains(batch);
  }

  @Test
  void aDefaultBatchRolesPeriodIsNotAppliedToItsBatchTokens(BaoTarget bao) {
    String role =
        role(bao, "conf-dbper", "{\"token_type\": \"default-batch\", \"token_period\": \"2h\"}");
    IssuedToken batch = viaRole(bao, role, "");
    assertThat(batch.tokenType()).isEqualTo("batch");
    assertThat(batch.leaseDuration()).isEqualTo(Duration.ofMinutes(20));
    assertThat(batch.renewable()).isFalse();
    IssuedToken service = viaRole(bao, role, "service");
    assertThat(service.leaseDuration()).isEqualTo(Duration.ofHours(2));
  }

  // ---- 3. custom ids -----------------------------------------------------------------------

  @Test
  void aCustomIdIsTakenFromRootWithAWarning(BaoTarget bao) {
    String id = bao.unique("conf-id").replace("-", "");
    HttpResponse<String> created =
        createWithAdmin(bao, "{\"id\": \"" + id + "\", \"ttl\": \"1h\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    JsonNode body = revokeAfterTest(bao, created);
    assertThat(body.path("auth").path("client_token").asText()).isEqualTo(id);
    assertThat(strings(body.path("warnings"))).anyMatch(w -> w.contains("custom ID"));
    assertThat(bao.as(VaultToken.of(id)).lookupSelf().ttl()).isPositive();

    HttpResponse<String> again = createWithAdmin(bao, "{\"id\": \"" + id + "\", \"ttl\": \"1h\"}");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(errors(again)).containsExactly("cannot create a token with a duplicate ID");
  }

  @Test
  void aCustomIdMayNotLookLikeAGeneratedOne(BaoTarget bao) {
    assertThat(errors(createWithAdmin(bao, "{\"id\": \"s.conf1\", \"ttl\": \"1h\"}")))
        .containsExactly("custom token ID cannot have the 's.' prefix");
    assertThat(errors(createWithAdmin(bao, "{\"id\": \"hvs.conf1\", \"ttl\": \"1h\"}")))
        .containsExactly("custom token ID cannot have the 'hvs.' prefix");
    assertThat(errors(createWithAdmin(bao, "{\"id\": \"b.conf1\", \"ttl\": \"1h\"}")))
        .containsExactly("custom token ID cannot have a '.' in the value");
    assertThat(errors(createWithAdmin(bao, "{\"id\": \"conf.1\", \"ttl\": \"1h\"}")))
        .containsExactly("custom token ID cannot have a '.' in the value");
  }

  @Test
  void aCustomIdNeedsSudo(BaoTarget bao) {
    String minter = bao.policy(bao.unique("conf-mint"), MINT_ANY);
    IssuedToken plain = bao.tokenWithPolicies(Duration.ofHours(1), minter);
    HttpResponse<String> refused =
        bao.exchangeAs(
            plain.clientToken(),
            "POST",
            "auth/token/create",
            "{\"id\": \"confnosudo\", \"ttl\": \"1h\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(errors(refused))
        .containsExactly("root or sudo privileges required to specify token id");
  }

  @Test
  void aCustomIdIsRefusedOutsideTheRootNamespace(BaoTarget bao) {
    String namespace = bao.freshNamespace("");
    HttpResponse<String> refused =
        bao.exchangeAs(
            bao.adminToken(),
            "POST",
            "auth/token/create",
            "{\"id\": \"confnsid\", \"ttl\": \"1h\"}",
            namespace);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(errors(refused))
        .containsExactly("token IDs can only be manually specified in the root namespace");
  }

  // ---- 4. negative num_uses ----------------------------------------------------------------

  @Test
  void aNegativeUseCountIsRefusedAndABatchTokenSaysSoFirst(BaoTarget bao) {
    assertThat(
            refusal(bao, TokenCreateRequest.builder().numUses(-1).ttl(Duration.ofHours(1)).build()))
        .containsExactly("number of uses cannot be negative");
    assertThat(refusal(bao, batch().numUses(-1))).containsExactly(batchCannotHave("num_uses"));
  }

  // ---- 5. writes to a path ending in / -----------------------------------------------------

  @Test
  void writesToAPathEndingInASlashAreRefusedBeforeTheAcl(BaoTarget bao) {
    IssuedToken nobody = bao.tokenWithPolicies(Duration.ofHours(1), "default");
    for (VaultToken token : List.of(bao.adminToken(), nobody.clientToken())) {
      for (String path : List.of("auth/token/create/", "auth/token/roles/")) {
        for (String method : List.of("POST", "PUT")) {
          HttpResponse<String> refused = bao.exchangeAs(token, method, path, "{\"ttl\": \"1h\"}");
          assertThat(refused.statusCode()).as(method + " " + path).isEqualTo(400);
          assertThat(errors(refused)).containsExactly("cannot write to a path ending in '/'");
        }
      }
    }
    assertThat(bao.exchangeAs(bao.adminToken(), "LIST", "auth/token/roles/", null).statusCode())
        .isIn(200, 404);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static TokenCreateRequest.Builder batch() {
    return TokenCreateRequest.builder()
        .type("batch")
        .policies(List.of("default"))
        .ttl(Duration.ofMinutes(5));
  }

  private static String batchCannotHave(String field) {
    return "batch tokens cannot have \"" + field + "\" set";
  }

  private static List<String> refusal(BaoTarget bao, TokenCreateRequest.Builder request) {
    return refusal(bao, request.build());
  }

  private static List<String> refusal(BaoTarget bao, TokenCreateRequest request) {
    try {
      IssuedToken issued = bao.admin().createToken(request);
      bao.revokeAfterTest(issued);
      return List.of("issued a " + issued.tokenType() + " token");
    } catch (BadRequestException refused) {
      assertThat(refused.status()).isEqualTo(400);
      return refused.errors();
    }
  }

  private static String role(BaoTarget bao, String prefix, String json) {
    String name = bao.unique(prefix);
    assertThat(bao.sendWithAdmin("POST", "auth/token/roles/" + name, json)).isEqualTo(204);
    bao.deleteRoleAfterTest(name);
    return name;
  }

  private static IssuedToken viaRole(BaoTarget bao, String role, String type) {
    TokenCreateRequest.Builder request =
        TokenCreateRequest.builder()
            .role(role)
            .policies(List.of("default"))
            .ttl(Duration.ofMinutes(20));
    if (!type.isEmpty()) {
      request.type(type);
    }
    IssuedToken issued = bao.admin().createToken(request.build());
    if (!issued.accessor().isEmpty()) {
      bao.revokeAfterTest(issued);
    }
    return issued;
  }

  private static HttpResponse<String> createWithAdmin(BaoTarget bao, String json) {
    return bao.exchangeAs(bao.adminToken(), "POST", "auth/token/create", json);
  }

  private static JsonNode revokeAfterTest(BaoTarget bao, HttpResponse<String> created) {
    JsonNode body = json(created);
    String accessor = body.path("auth").path("accessor").asText();
    if (!accessor.isEmpty()) {
      bao.afterTest(() -> bao.admin().revokeAccessor(accessor));
    }
    return body;
  }

  private static List<String> errors(HttpResponse<String> response) {
    return strings(json(response).path("errors"));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
