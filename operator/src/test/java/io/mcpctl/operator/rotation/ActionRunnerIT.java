package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.TokenRole;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.operator.testing.InMemoryTokenSecretStore;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.schedule.NextAction;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.schedule.RotationTrigger;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretBinding;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rotation's steps alone, one planned action at a time, against the OpenBao stand-in over HTTP,
 * on a clock the test moves.
 */
class ActionRunnerIT {

  private static final String NAMESPACE = "team-a";
  private static final String BACKEND = "bao";
  private static final Duration GRACE = Duration.ofMinutes(2);
  private static final RotationSettings DAILY =
      new RotationSettings(
          "mcpctl-team-a.bao-rotator", Duration.ofHours(24), Duration.ofMinutes(10), GRACE);

  private final OpenBaoFixture bao = new OpenBaoFixture();
  private final InMemoryTokenSecretStore secrets = new InMemoryTokenSecretStore();
  private final ActionDriver rotator = new ActionDriver(bao.clock(), secrets, 3);

  @AfterEach
  void stop() {
    bao.close();
  }

  @Test
  void aRotationMintsStagesVerifiesSwitchesAndRevokesThePredecessorAfterTheGracePeriod() {
    IssuedToken first = provisionAndStore(role -> role);
    bao.clearRequests();
    Instant switchedAt = bao.clock().instant();

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(report.rotationFailure()).isEmpty();
    assertThat(bao.calls())
        .containsExactly(
            "POST /v1/auth/token/create/mcpctl-team-a.bao-rotator",
            "POST /v1/auth/token/renew-self",
            "POST /v1/secret/data/mcpctl/bao/team-a/.mcpctl-healthcheck",
            "GET /v1/secret/data/mcpctl/bao/team-a/.mcpctl-healthcheck");
    TokenSecret switched = secret();
    VaultToken successor = switched.token("token").orElseThrow();
    assertThat(successor).isNotEqualTo(first.clientToken());
    assertThat(switched.token(TokenSecretKeys.PREVIOUS_TOKEN)).contains(first.clientToken());
    assertThat(switched.token(TokenSecretKeys.NEXT_TOKEN)).isEmpty();
    assertThat(switched.annotations())
        .containsEntry(TokenSecretKeys.ROTATED_AT_ANNOTATION, "2025-06-01T12:00:00Z")
        .containsEntry(TokenSecretKeys.PREVIOUS_REVOKE_AFTER_ANNOTATION, "2025-06-01T12:02:00Z");
    assertThat(bao.isLive(first.clientToken()))
        .as("the predecessor during the grace period")
        .isTrue();
    assertThat(report.rotated().orElseThrow().nextRotationAt())
        .isBetween(
            switchedAt.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(10)),
            switchedAt.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(10)));
    assertThat(report.currentToken().orElseThrow().period()).contains(Duration.ofHours(720));
    assertThat(report.events())
        .extracting(ReconcileReport.Event::reason)
        .containsExactly("Rotated");

    bao.clock().advance(GRACE);
    bao.clearRequests();
    ReconcileReport recovery = new ReconcileReport();
    rotator.recover(target(), new TokenMeta(), recovery);

    assertThat(bao.calls())
        .as("both tokens looked up, their accessors compared, then the predecessor revoked")
        .containsExactly(
            "GET /v1/auth/token/lookup-self",
            "GET /v1/auth/token/lookup-self",
            "POST /v1/auth/token/revoke-self");
    assertThat(secret().data().keySet()).containsExactlyInAnyOrder("token", "accessor");
    assertThat(bao.isLive(first.clientToken())).isFalse();
    assertThat(bao.isLive(successor)).isTrue();
    assertThat(bao.liveTokensOf(BACKEND)).hasSize(1);
    assertThat(secrets.history())
        .as("the mint recorded, the successor staged, switched in, the predecessor cleared")
        .containsExactly(
            Set.of("token", "accessor"),
            Set.of("token", "accessor", "next-token", "next-accessor"),
            Set.of("token", "accessor", "previous-token", "previous-accessor"),
            Set.of("token", "accessor"));
    assertThat(secret().annotations())
        .doesNotContainKey(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION);
  }

  @Test
  void aFailedMintRecordsTheErrorAndKeepsTheOldToken() {
    IssuedToken first = provisionAndStore(role -> role);
    bao.standIn()
        .faults()
        .add(Fault.on("POST", "auth/token/create/.*").respond(500).times(1).build());

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    Failure failure = report.rotationFailure().orElseThrow();
    assertThat(failure.kind()).isEqualTo(FailureKind.ROTATION_ERROR);
    assertThat(failure.message())
        .contains("minting the successor")
        .doesNotContain(first.clientToken().reveal());
    assertThat(secret().token("token")).contains(first.clientToken());
    assertThat(secret().data().keySet()).containsExactlyInAnyOrder("token", "accessor");
    assertThat(bao.liveTokensOf(BACKEND))
        .extracting(t -> t.accessor())
        .containsExactly(first.accessor());
    assertThat(report.events())
        .extracting(ReconcileReport.Event::reason)
        .as("OpenBao answers 500 also when it minted but could not audit the answer")
        .containsExactly("PossibleOrphan", "RotationFailed");
    assertThat(report.events().get(0).message())
        .contains("was answered 500, which OpenBao also answers after making a token");
  }

  @Test
  void aSealedOpenBaoIsReportedAsSealedNotAsATokenError() {
    provisionAndStore(role -> role);
    bao.standIn().seal();

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(report.rotationFailure().orElseThrow().kind()).isEqualTo(FailureKind.SEALED);
    assertThat(report.tokenProblem().orElseThrow().kind()).isEqualTo(FailureKind.SEALED);
  }

  @Test
  void aRevokedCurrentTokenIsReportedAsRejected() {
    IssuedToken first = provisionAndStore(role -> role);
    bao.client().withToken(first.clientToken()).revokeSelf();

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(report.tokenProblem().orElseThrow().kind()).isEqualTo(FailureKind.TOKEN_REJECTED);
  }

  @Test
  void aNonRenewableSuccessorIsRefusedAndRevoked() {
    IssuedToken first =
        provisionAndStore(role -> withFlags(role, role.orphan(), false, role.tokenPeriod()));

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(report.rotationFailure().orElseThrow().message())
        .contains("not renewable", "renewable=true");
    assertThat(bao.liveTokensOf(BACKEND))
        .extracting(t -> t.accessor())
        .containsExactly(first.accessor());
    assertThat(secret().token("token")).contains(first.clientToken());
    assertThat(secrets.history())
        .as("nothing was staged: the mint was recorded, then its record removed")
        .containsExactly(Set.of("token", "accessor"), Set.of("token", "accessor"));
    assertThat(secret().annotations())
        .doesNotContainKey(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION);
  }

  @Test
  void aNonPeriodicSuccessorIsRefusedAndRevoked() {
    IssuedToken first =
        provisionAndStore(role -> withFlags(role, role.orphan(), true, Duration.ZERO));

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(report.rotationFailure().orElseThrow().message())
        .contains("not periodic", "token_period");
    assertThat(bao.liveTokensOf(BACKEND))
        .extracting(t -> t.accessor())
        .containsExactly(first.accessor());
    assertThat(secrets.history())
        .as("recorded, staged before the renew-self probe, unstaged after it")
        .containsExactly(
            Set.of("token", "accessor"),
            Set.of("token", "accessor", "next-token", "next-accessor"),
            Set.of("token", "accessor"));
  }

  @Test
  void aSuccessorThatIsNotAnOrphanIsRefusedAndRevoked() {
    IssuedToken first = provisionAndStore(role -> withFlags(role, false, true, role.tokenPeriod()));

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(report.rotationFailure().orElseThrow().message()).contains("orphan=true");
    assertThat(bao.liveTokensOf(BACKEND))
        .extracting(t -> t.accessor())
        .containsExactly(first.accessor());
  }

  @Test
  void aSuccessorThatCannotUseTheKvPrefixIsRevokedAndUnstaged() {
    IssuedToken first = provisionAndStore(role -> role);
    bao.standIn()
        .faults()
        .add(
            Fault.on("POST", "secret/data/.*")
                .respond(403, "1 error occurred:\n\t* permission denied\n\n")
                .times(1)
                .build());

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(report.rotationFailure().orElseThrow().message()).contains("failed verification");
    assertThat(secret().data().keySet()).containsExactlyInAnyOrder("token", "accessor");
    assertThat(secret().token("token")).contains(first.clientToken());
    assertThat(bao.liveTokensOf(BACKEND))
        .extracting(t -> t.accessor())
        .containsExactly(first.accessor());
  }

  @Test
  void aRotationInsideTheGracePeriodRunsAtOnceAndEachPredecessorKeepsItsOwnRevokeTime() {
    IssuedToken first = provisionAndStore(role -> role);
    rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
    VaultToken second = secret().token("token").orElseThrow();
    bao.clock().advance(Duration.ofSeconds(30));

    ReconcileReport again = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), again);

    assertThat(again.rotationFailure()).isEmpty();
    TokenSecret twice = secret();
    PreviousSlot older = new PreviousSlot(2);
    assertThat(twice.token(TokenSecretKeys.PREVIOUS_TOKEN))
        .as("the token the release before reads as previous is the newest, with its own time")
        .contains(second);
    assertThat(twice.token(older.tokenKey())).contains(first.clientToken());
    assertThat(twice.annotations())
        .containsEntry(TokenSecretKeys.ROTATED_AT_ANNOTATION, "2025-06-01T12:00:30Z")
        .containsEntry(TokenSecretKeys.PREVIOUS_REVOKE_AFTER_ANNOTATION, "2025-06-01T12:02:30Z")
        .containsEntry(older.retiredAtAnnotation(), "2025-06-01T12:00:00Z")
        .containsEntry(older.revokeAfterAnnotation(), "2025-06-01T12:02:00Z");
    assertThat(bao.liveTokensOf(BACKEND)).hasSize(3);

    bao.clock().advance(Duration.ofSeconds(90));
    rotator.recover(target(), new TokenMeta(), new ReconcileReport());

    assertThat(bao.isLive(first.clientToken())).as("at its own time").isFalse();
    assertThat(bao.isLive(second)).as("not before its own time").isTrue();
    assertThat(secret().data().keySet())
        .containsExactlyInAnyOrder("token", "accessor", "previous-token", "previous-accessor");
    assertThat(secret().annotations())
        .doesNotContainKeys(older.retiredAtAnnotation(), older.revokeAfterAnnotation())
        .containsKey(TokenSecretKeys.ROTATED_AT_ANNOTATION);

    bao.clock().advance(Duration.ofSeconds(30));
    rotator.recover(target(), new TokenMeta(), new ReconcileReport());

    assertThat(bao.isLive(second)).isFalse();
    assertThat(secret().data().keySet()).containsExactlyInAnyOrder("token", "accessor");
    assertThat(bao.liveTokensOf(BACKEND)).hasSize(1);
  }

  @Test
  void aSecretTheReleaseBeforeLeftInItsGracePeriodIsTakenOverWithoutALostOrLeakedToken()
      throws IOException {
    IssuedToken previous = provisionAndStore(role -> role);
    IssuedToken current =
        bao.client().withToken(previous.clientToken()).createToken(DAILY.tokenRole());
    JsonNode fixture;
    try (InputStream json =
        getClass()
            .getResourceAsStream("/compat/release-before-consumers/token-secret-in-grace.json")) {
      fixture = new ObjectMapper().readTree(json);
    }
    Map<String, String> values =
        Map.of(
            "${CURRENT}", current.clientToken().reveal(),
            "${CURRENT_ACCESSOR}", current.accessor(),
            "${PREVIOUS}", previous.clientToken().reveal(),
            "${PREVIOUS_ACCESSOR}", previous.accessor());
    Map<String, String> data = new HashMap<>();
    fixture
        .path("data")
        .fields()
        .forEachRemaining(e -> data.put(e.getKey(), values.get(e.getValue().asText())));
    Map<String, String> annotations = new HashMap<>();
    fixture
        .path("annotations")
        .fields()
        .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    secrets.put(secret().withData(data).withAnnotations(annotations));

    ReconcileReport forced = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), forced);

    assertThat(forced.rotated()).as("rotated inside the grace period it found").isPresent();
    PreviousSlot older = new PreviousSlot(2);
    assertThat(secret().token(older.tokenKey())).contains(previous.clientToken());
    assertThat(secret().annotations())
        .containsEntry(older.revokeAfterAnnotation(), "2025-06-01T12:01:00Z")
        .containsEntry(older.retiredAtAnnotation(), "2025-06-01T11:59:00Z");
    assertThat(secret().token(TokenSecretKeys.PREVIOUS_TOKEN)).contains(current.clientToken());

    bao.clock().advance(Duration.ofMinutes(1));
    rotator.recover(target(), new TokenMeta(), new ReconcileReport());
    assertThat(bao.isLive(previous.clientToken())).as("at the time it was given").isFalse();
    assertThat(bao.isLive(current.clientToken())).isTrue();

    bao.clock().advance(GRACE);
    rotator.recover(target(), new TokenMeta(), new ReconcileReport());
    assertThat(bao.isLive(current.clientToken())).isFalse();
    assertThat(bao.liveTokensOf(BACKEND)).hasSize(1);
    assertThat(secret().data().keySet()).containsExactlyInAnyOrder("token", "accessor");
  }

  @Test
  void whenEverySlotWaitsTheNextRotationWaitsForTheFirstRevocationAndNeverDropsAToken() {
    IssuedToken first = provisionAndStore(role -> role);
    for (int i = 0; i < PreviousSlot.MAX; i++) {
      rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
      bao.clock().advance(Duration.ofSeconds(10));
    }
    assertThat(secret().state().slotsFull()).isTrue();
    assertThat(bao.liveTokensOf(BACKEND)).hasSize(PreviousSlot.MAX + 1);
    bao.clearRequests();

    ReconcileReport waiting = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), waiting);

    assertThat(bao.calls()).as("no mint while every slot waits").isEmpty();
    assertThat(bao.liveTokensOf(BACKEND)).hasSize(PreviousSlot.MAX + 1);

    bao.clock().advance(GRACE.minus(Duration.ofSeconds(50)));
    ReconcileReport freed = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), freed);

    assertThat(freed.rotationFailure()).isEmpty();
    assertThat(freed.rotated()).isPresent();
    assertThat(bao.isLive(first.clientToken())).as("revoked first, at its time").isFalse();
    assertThat(bao.liveTokensOf(BACKEND)).hasSize(PreviousSlot.MAX + 1);
    assertThat(secret().state().predecessors()).hasSize(PreviousSlot.MAX);
  }

  @Test
  void deletingTheBackendRevokesTheTokensOfEverySlot() {
    provisionAndStore(role -> role);
    rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
    rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
    rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
    assertThat(secret().state().predecessors()).hasSize(3);
    assertThat(bao.liveTokensOf(BACKEND)).hasSize(4);

    assertThat(rotator.revokeAll(target())).isEmpty();

    assertThat(bao.liveTokensOf(BACKEND)).isEmpty();
  }

  @Test
  void aFailedRevokeIsToleratedRecordedAndRetried() {
    IssuedToken first = provisionAndStore(role -> role);
    rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
    bao.clock().advance(GRACE);
    bao.standIn()
        .faults()
        .add(Fault.on("POST", "auth/token/revoke-self").respond(500).times(1).build());

    ReconcileReport failed = new ReconcileReport();
    rotator.recover(target(), new TokenMeta(), failed);

    assertThat(failed.revokeFailures()).hasSize(1);
    assertThat(failed.events())
        .extracting(ReconcileReport.Event::reason)
        .containsExactly("RevokeFailed");
    assertThat(secret().token(TokenSecretKeys.PREVIOUS_TOKEN)).contains(first.clientToken());
    assertThat(bao.isLive(secret().token("token").orElseThrow())).isTrue();

    ReconcileReport retried = new ReconcileReport();
    rotator.recover(target(), new TokenMeta(), retried);

    assertThat(retried.revokeFailures()).isEmpty();
    assertThat(secret().token(TokenSecretKeys.PREVIOUS_TOKEN)).isEmpty();
    assertThat(bao.isLive(first.clientToken())).isFalse();
    assertThat(bao.liveTokensOf(BACKEND)).hasSize(1);
  }

  @Test
  void aPreviousTokenAlreadyRevokedByHandCountsAsRevoked() {
    IssuedToken first = provisionAndStore(role -> role);
    rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
    bao.client().withToken(first.clientToken()).revokeSelf();
    bao.clock().advance(GRACE);

    ReconcileReport report = new ReconcileReport();
    rotator.recover(target(), new TokenMeta(), report);

    assertThat(report.revokeFailures()).isEmpty();
    assertThat(secret().token(TokenSecretKeys.PREVIOUS_TOKEN)).isEmpty();
  }

  @Test
  void aStaticTokenBackendCannotBeRotated() {
    provisionAndStore(role -> role);
    bao.clearRequests();
    BackendTarget staticTarget =
        new BackendTarget(
            NAMESPACE,
            BACKEND,
            tokenRef(),
            bao.address(),
            TokenSecretBinding.TLS_SYSTEM,
            OpenBaoFixture.MOUNT,
            prefix(),
            Optional.empty(),
            bao.client());

    assertThatThrownBy(
            () ->
                rotator.perform(
                    new NextAction.Rotate(RotationTrigger.MANUAL_REQUEST),
                    staticTarget,
                    new TokenMeta(),
                    new ReconcileReport()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not rotate");
    assertThat(bao.calls()).noneMatch(call -> call.contains("auth/token/create"));
  }

  @Test
  void aCheckLooksTheTokenUpAndWarnsWhenItExpiresWithinTheWindow() {
    provisionAndStore(role -> role);
    bao.clearRequests();
    bao.clock().advance(Duration.ofDays(25));

    ReconcileReport report = new ReconcileReport();
    rotator.check(target(), new TokenMeta(), report);

    assertThat(bao.calls())
        .containsExactly("GET /v1/auth/token/lookup-self", "POST /v1/sys/capabilities-self");
    assertThat(report.currentToken().orElseThrow().expiresAt()).isPresent();
    assertThat(report.events())
        .extracting(ReconcileReport.Event::reason)
        .containsExactly("TokenExpiringSoon");
  }

  @Test
  void failingRotationsRenewTheCurrentTokenOnceItsExpiryIsWithinTheWarningWindow() {
    IssuedToken first = provisionAndStore(role -> role);
    bao.clock().advance(Duration.ofDays(25));
    bao.standIn()
        .faults()
        .add(Fault.on("POST", "auth/token/create/.*").respond(500).times(1).build());
    TokenMeta known = new TokenMeta();
    known.setConsecutiveFailures(6);
    known.setRenewable(true);
    known.setExpiresAt("2025-07-01T12:00:00Z");

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), known, report);

    assertThat(report.rotationFailure()).isPresent();
    assertThat(bao.calls()).contains("POST /v1/auth/token/renew-self");
    assertThat(report.currentToken().orElseThrow().expiresAt())
        .contains(bao.clock().instant().plus(Duration.ofHours(720)));
    assertThat(bao.isLive(first.clientToken())).isTrue();
  }

  private IssuedToken provisionAndStore(java.util.function.UnaryOperator<TokenRole> roleChange) {
    IssuedToken first = bao.provision(NAMESPACE, BACKEND, roleChange);
    secrets.put(InMemoryTokenSecretStore.boundSecret(NAMESPACE, BACKEND, bao.address(), first));
    return first;
  }

  private static TokenRole withFlags(
      TokenRole role, boolean orphan, boolean renewable, Duration period) {
    return new TokenRole(
        role.name(),
        role.allowedPolicies(),
        List.of(),
        orphan,
        renewable,
        period,
        Duration.ZERO,
        role.tokenType(),
        role.pathSuffix(),
        false,
        0);
  }

  private BackendTarget target() {
    return new BackendTarget(
        NAMESPACE,
        BACKEND,
        tokenRef(),
        bao.address(),
        TokenSecretBinding.TLS_SYSTEM,
        OpenBaoFixture.MOUNT,
        prefix(),
        Optional.of(DAILY),
        bao.client());
  }

  private String prefix() {
    return bao.access(BACKEND).pathPrefix();
  }

  private static SecretKeyRef tokenRef() {
    return new SecretKeyRef("bao-token", "token");
  }

  private TokenSecret secret() {
    return secrets.read(NAMESPACE, "bao-token").orElseThrow();
  }
}
