package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.openbao.BadRequestException;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.openbao.ServerErrorException;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.TokenRole;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Token minting, lookup, renewal and revocation, and the token semantics a naive fake gets wrong:
 * cascading revocation, orphans, periodic renewal, TTL caps, role policy rules and accessors.
 */
@ExtendWith(BaoTargetExtension.class)
class TokensConformanceIT {
  private static final String MINT_ANY =
      "path \"auth/token/create*\" {\n  capabilities = [\"update\"]\n}\n";

  private static TokenRole periodicRole(
      String name, List<String> policies, boolean orphan, Duration period) {
    return new TokenRole(
        name, policies, List.of(), orphan, true, period, Duration.ZERO, "service", "", false, 0);
  }

  private String role(BaoTarget bao, TokenRole role) {
    bao.admin().writeTokenRole(role);
    bao.deleteRoleAfterTest(role.name());
    return role.name();
  }

  @Test
  void aRoleTokenIsMintedLookedUpRenewedAndRevoked(BaoTarget bao) {
    String policy =
        bao.policy(
            bao.unique("conf-app"),
            "path \"secret/data/app/*\" {\n  capabilities = [\"read\"]\n}\n");
    String role =
        role(bao, periodicRole(bao.unique("conf-rot"), List.of(policy), true, Duration.ofHours(1)));
    IssuedToken minted = bao.admin().createToken(role);
    bao.revokeAfterTest(minted);
    assertThat(minted.policies()).containsExactly(policy, "default");
    assertThat(minted.tokenPolicies()).containsExactly(policy, "default");
    assertThat(minted.orphan()).isTrue();
    assertThat(minted.renewable()).isTrue();
    assertThat(minted.leaseDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(minted.tokenType()).isEqualTo("service");
    assertThat(minted.accessor()).isNotBlank();
    assertThat(minted.warnings()).isEmpty();

    OpenBaoClient asMinted = bao.as(minted.clientToken());
    TokenInfo info = asMinted.lookupSelf();
    assertThat(info.accessor()).isEqualTo(minted.accessor());
    assertThat(info.role()).contains(role);
    assertThat(info.orphan()).isTrue();
    assertThat(info.renewable()).isTrue();
    assertThat(info.period()).isEmpty();
    assertThat(info.explicitMaxTtl()).isZero();
    assertThat(info.creationTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(info.path()).isEqualTo("auth/token/create/" + role);
    assertThat(info.expireTime()).isNotNull();

    IssuedToken renewed = asMinted.renewSelf();
    assertThat(renewed.clientToken()).isEqualTo(minted.clientToken());
    assertThat(renewed.leaseDuration()).isEqualTo(Duration.ofHours(1));

    assertThat(bao.admin().lookupAccessor(minted.accessor()).orElseThrow().policies())
        .containsExactly(policy, "default");
    asMinted.revokeSelf();
    assertThatThrownBy(asMinted::lookupSelf).isInstanceOf(TokenRejectedException.class);
    assertThat(bao.admin().lookupAccessor(minted.accessor())).isEmpty();
    assertThat(bao.admin().revokeAccessor(minted.accessor())).isFalse();
  }

  @Test
  void periodicRenewalResetsTheTtlToThePeriodWhateverTheIncrement(BaoTarget bao) {
    String role =
        role(
            bao,
            periodicRole(bao.unique("conf-per"), List.of("default"), true, Duration.ofHours(1)));
    IssuedToken minted = bao.admin().createToken(role);
    bao.revokeAfterTest(minted);
    IssuedToken renewed = bao.as(minted.clientToken()).renewSelf(Duration.ofHours(10));
    assertThat(renewed.leaseDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(renewed.warnings()).isEmpty();
  }

  @Test
  void renewalReadsTheRolesCurrentPeriodAndFailsOnceTheRoleIsGone(BaoTarget bao) {
    String name = bao.unique("conf-live");
    role(bao, periodicRole(name, List.of("default"), true, Duration.ofHours(1)));
    IssuedToken minted = bao.admin().createToken(name);
    bao.revokeAfterTest(minted);
    bao.admin().writeTokenRole(periodicRole(name, List.of("default"), true, Duration.ofHours(3)));
    assertThat(bao.as(minted.clientToken()).renewSelf().leaseDuration())
        .isEqualTo(Duration.ofHours(3));
    bao.admin().deleteTokenRole(name);
    assertThatThrownBy(() -> bao.as(minted.clientToken()).renewSelf())
        .isInstanceOfSatisfying(
            ServerErrorException.class,
            failed -> assertThat(failed.getMessage()).contains("could not be found"));
  }

  @Test
  void revokingAParentRevokesItsChildren(BaoTarget bao) {
    String minter = bao.policy(bao.unique("conf-mint"), MINT_ANY);
    IssuedToken parent = bao.tokenWithPolicies(Duration.ofHours(1), minter, "default");
    OpenBaoClient asParent = bao.as(parent.clientToken());
    IssuedToken child =
        asParent.createToken(TokenCreateRequest.builder().ttl(Duration.ofHours(5)).build());
    assertThat(child.orphan()).isFalse();
    assertThat(child.leaseDuration()).isEqualTo(Duration.ofHours(5));
    IssuedToken orphan =
        asParent.createToken(
            TokenCreateRequest.builder().orphanEndpoint().ttl(Duration.ofHours(5)).build());
    bao.revokeAfterTest(orphan);
    assertThat(orphan.orphan()).isTrue();

    asParent.revokeSelf();

    assertThatThrownBy(() -> bao.as(child.clientToken()).lookupSelf())
        .isInstanceOf(TokenRejectedException.class);
    assertThat(bao.as(orphan.clientToken()).lookupSelf().orphan()).isTrue();
  }

  @Test
  void aRoleWithOrphanTrueBreaksTheChainAndOneWithoutDoesNot(BaoTarget bao) {
    String orphanRole =
        role(
            bao,
            periodicRole(bao.unique("conf-orph"), List.of("default"), true, Duration.ofHours(1)));
    String childRole =
        role(
            bao,
            periodicRole(bao.unique("conf-child"), List.of("default"), false, Duration.ofHours(1)));
    String minter =
        bao.policy(
            bao.unique("conf-mint"),
            "path \"auth/token/create/"
                + orphanRole
                + "\" {\n  capabilities = [\"update\"]\n}\n"
                + "path \"auth/token/create/"
                + childRole
                + "\" {\n  capabilities = [\"update\"]\n}\n");
    IssuedToken predecessor = bao.tokenWithPolicies(Duration.ofHours(1), minter, "default");
    OpenBaoClient asPredecessor = bao.as(predecessor.clientToken());
    IssuedToken successor = asPredecessor.createToken(orphanRole);
    bao.revokeAfterTest(successor);
    IssuedToken tied = asPredecessor.createToken(childRole);
    assertThat(successor.orphan()).isTrue();
    assertThat(tied.orphan()).isFalse();

    asPredecessor.revokeSelf();

    assertThat(bao.as(successor.clientToken()).lookupSelf().accessor())
        .isEqualTo(successor.accessor());
    assertThatThrownBy(() -> bao.as(tied.clientToken()).lookupSelf())
        .isInstanceOf(TokenRejectedException.class);
  }

  @Test
  @StandInOnly("moves the clock")
  void expiryOfAParentRevokesChildrenThatWouldOutliveIt(BaoTarget bao) {
    String minter = bao.policy(bao.unique("conf-mint"), MINT_ANY);
    IssuedToken parent = bao.tokenWithPolicies(Duration.ofHours(1), minter, "default");
    IssuedToken child =
        bao.as(parent.clientToken())
            .createToken(TokenCreateRequest.builder().ttl(Duration.ofHours(24)).build());
    bao.clock().advance(Duration.ofMinutes(59));
    assertThat(bao.as(child.clientToken()).lookupSelf().ttl())
        .isEqualTo(Duration.ofHours(23).plusMinutes(1));
    bao.clock().advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> bao.as(parent.clientToken()).lookupSelf())
        .isInstanceOf(TokenRejectedException.class);
    assertThatThrownBy(() -> bao.as(child.clientToken()).lookupSelf())
        .isInstanceOf(TokenRejectedException.class);
    assertThat(bao.standIn().tokenByAccessor(child.accessor())).isEmpty();
  }

  @Test
  @StandInOnly("moves the clock")
  void aPeriodicTokenLivesAsLongAsItIsRenewedWithinItsPeriod(BaoTarget bao) {
    String role =
        role(
            bao,
            periodicRole(bao.unique("conf-per"), List.of("default"), true, Duration.ofHours(720)));
    IssuedToken minted = bao.admin().createToken(role);
    OpenBaoClient client = bao.as(minted.clientToken());
    for (int month = 0; month < 3; month++) {
      bao.clock().advance(Duration.ofHours(700));
      assertThat(client.renewSelf().leaseDuration()).isEqualTo(Duration.ofHours(720));
    }
    bao.clock().advance(Duration.ofHours(720));
    assertThatThrownBy(client::lookupSelf).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void nonPeriodicRenewalIsCappedByTheExplicitMaxWithAWarning(BaoTarget bao) {
    IssuedToken capped =
        bao.token(
            TokenCreateRequest.builder()
                .policies(List.of("default"))
                .ttl(Duration.ofMinutes(10))
                .explicitMaxTtl(Duration.ofMinutes(30))
                .build());
    IssuedToken renewed = bao.as(capped.clientToken()).renewSelf(Duration.ofHours(2));
    assertThat(renewed.leaseDuration()).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
    assertThat(renewed.warnings())
        .anySatisfy(warning -> assertThat(warning).contains("exceeded the effective max_ttl"));
    assertThat(bao.as(capped.clientToken()).lookupSelf().explicitMaxTtl())
        .isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void withoutATtlATokenGetsTheDefault768Hours(BaoTarget bao) {
    IssuedToken plain =
        bao.token(TokenCreateRequest.builder().policies(List.of("default")).build());
    assertThat(plain.leaseDuration()).isEqualTo(Duration.ofHours(768));
  }

  @Test
  void aNonRenewableTokenRefusesRenewal(BaoTarget bao) {
    IssuedToken fixed =
        bao.token(
            TokenCreateRequest.builder()
                .policies(List.of("default"))
                .ttl(Duration.ofHours(1))
                .renewable(false)
                .build());
    assertThat(fixed.renewable()).isFalse();
    assertThatThrownBy(() -> bao.as(fixed.clientToken()).renewSelf())
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused -> assertThat(refused.mentions("lease is not renewable")).isTrue());
  }

  @Test
  void rolesGrantTheirAllowedPoliciesWithoutSudoButCreateParametersNeedIt(BaoTarget bao) {
    String policy =
        bao.policy(bao.unique("conf-allowed"), "path \"x/*\" {\n  capabilities = [\"read\"]\n}\n");
    String role =
        role(bao, periodicRole(bao.unique("conf-pol"), List.of(policy), true, Duration.ofHours(2)));
    String minter = bao.policy(bao.unique("conf-mint"), MINT_ANY);
    OpenBaoClient asMinter =
        bao.as(bao.tokenWithPolicies(Duration.ofHours(1), minter).clientToken());

    IssuedToken fromRole = asMinter.createToken(role);
    bao.revokeAfterTest(fromRole);
    assertThat(fromRole.policies()).containsExactly(policy, "default");
    assertThat(fromRole.leaseDuration()).isEqualTo(Duration.ofHours(2));

    assertThatThrownBy(
            () ->
                asMinter.createToken(
                    TokenCreateRequest.builder().period(Duration.ofHours(1)).build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused ->
                assertThat(
                        refused.mentions(
                            "root or sudo privileges required to create periodic token"))
                    .isTrue());
    assertThatThrownBy(
            () -> asMinter.createToken(TokenCreateRequest.builder().noParent(true).build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused ->
                assertThat(
                        refused.mentions("root or sudo privileges required to create orphan token"))
                    .isTrue());
    assertThatThrownBy(
            () ->
                asMinter.createToken(
                    TokenCreateRequest.builder().policies(List.of(policy)).build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused ->
                assertThat(refused.mentions("child policies must be subset of parent")).isTrue());
    assertThatThrownBy(() -> asMinter.createToken(bao.unique("conf-missing")))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused -> assertThat(refused.mentions("unknown role")).isTrue());
  }

  @Test
  void namingAMissingPolicyIsAWarningNotAnError(BaoTarget bao) {
    String missing = bao.unique("conf-ghost");
    IssuedToken issued = bao.tokenWithPolicies(Duration.ofHours(1), missing);
    assertThat(issued.policies()).containsExactly(missing, "default");
    assertThat(issued.warnings()).contains("Policy \"" + missing + "\" does not exist");
  }

  @Test
  void theAccessorListNamesLiveTokensOnlyAndNeedsSudo(BaoTarget bao) {
    // A role naming no policies hands the parent's on (vault/token_store.go
    // resolveTokenPolicies): minted by root, that is root, which may list. Name one.
    String role =
        role(
            bao,
            // allowed_policies set: an empty list would hand the root caller's policies on
            periodicRole(bao.unique("conf-list"), List.of("default"), true, Duration.ofHours(1)));
    IssuedToken kept = bao.admin().createToken(role);
    assertThat(kept.policies()).containsExactly("default");
    bao.revokeAfterTest(kept);
    IssuedToken revoked = bao.admin().createToken(role);
    bao.admin().revokeAccessor(revoked.accessor());

    List<String> accessors = bao.admin().listAccessors();
    assertThat(accessors).contains(kept.accessor()).doesNotContain(revoked.accessor());
    assertThat(accessors)
        .as("accessors, never token values")
        .doesNotContain(kept.clientToken().reveal());

    assertThatThrownBy(() -> bao.as(kept.clientToken()).listAccessors())
        .isInstanceOf(PermissionDeniedException.class);
  }

  /**
   * A role's policy globs match as OpenBao's {@code strutil.GlobbedStringsMatch}: a pattern under
   * two characters is compared as it is, so {@code *} alone allows only a policy named {@code *}.
   */
  @Test
  void aLoneStarInAllowedPoliciesGlobMatchesOnlyItself(BaoTarget bao) {
    String role = bao.unique("conf-glob");
    assertThat(
            bao.sendWithAdmin(
                "POST",
                "auth/token/roles/" + role,
                "{\"allowed_policies_glob\": [\"*\", \"conf-app-*\"], \"orphan\": true}"))
        .isEqualTo(204);
    bao.deleteRoleAfterTest(role);
    String request = "{\"policies\": [\"%s\"], \"ttl\": \"1h\"}";

    assertThat(
            bao.sendWithAdmin(
                "POST", "auth/token/create/" + role, String.format(request, "unrelated")))
        .isEqualTo(400);
    IssuedToken matched =
        bao.admin()
            .createToken(
                TokenCreateRequest.builder()
                    .role(role)
                    .policies(List.of("conf-app-x"))
                    .ttl(Duration.ofHours(1))
                    .build());
    bao.revokeAfterTest(matched);
    assertThat(matched.policies()).containsExactly("conf-app-x", "default");
  }

  /** vault/token_store.go, handleRevokeTree: an empty token is refused, not a silent success. */
  @Test
  void revokingWithoutATokenIdIsRefused(BaoTarget bao) {
    for (String body : List.of("{}", "{\"token\": \"\"}")) {
      HttpResponse<String> answer = bao.exchangeWithAdmin("POST", "auth/token/revoke", body);
      assertThat(answer.statusCode()).as(body).isEqualTo(400);
      assertThat(answer.body()).as(body).contains("missing token ID");
    }
  }

  @Test
  void unknownAccessorsAreAWarningOnRevokeAndAbsentOnLookup(BaoTarget bao) {
    assertThat(bao.admin().revokeAccessor("NoSuchAccessorNoSuchAcce")).isFalse();
    assertThat(bao.admin().lookupAccessor("NoSuchAccessorNoSuchAcce")).isEmpty();
  }

  @Test
  void theRootTokenNeverExpires(BaoTarget bao) {
    TokenInfo root = bao.admin().lookupSelf();
    assertThat(root.policies()).containsExactly("root");
    assertThat(root.nonExpiring()).isTrue();
    assertThat(root.ttl()).isZero();
  }
}
