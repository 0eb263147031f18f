package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.operator.testing.InMemoryTokenSecretStore;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretBinding;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever may edit a token Secret or a SecretBackend is hostile: a Secret whose keys contradict
 * each other, one that is not bound to the backend, or a mint whose answer is lost must never make
 * the operator revoke the token consumers use, send a token where it does not belong, or mint twice
 * for one rotation without saying so.
 */
class TamperedSecretIT {

  private static final String NAMESPACE = "team-a";
  private static final String BACKEND = "bao";
  private static final Duration GRACE = Duration.ofMinutes(2);

  private final OpenBaoFixture bao = new OpenBaoFixture();
  private final InMemoryTokenSecretStore secrets = new InMemoryTokenSecretStore();
  private final ActionDriver rotator = new ActionDriver(bao.clock(), secrets, 5);

  @AfterEach
  void stop() {
    bao.close();
  }

  @Test
  void anOlderSlotRepeatingTheCurrentOrAnotherSlotIsRemovedAndNeverRevoked() {
    IssuedToken first = provisionAndStore();
    rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
    rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
    TokenSecret twice = secret();
    String current = twice.value("token").orElseThrow();
    String newestPrevious = twice.value(TokenSecretKeys.PREVIOUS_TOKEN).orElseThrow();
    PreviousSlot second = new PreviousSlot(2);
    assertThat(twice.token(second.tokenKey())).contains(first.clientToken());
    secrets.put(
        twice.withData(
            Map.of(second.tokenKey(), current, new PreviousSlot(3).tokenKey(), newestPrevious)));
    bao.clock().advance(GRACE);

    ReconcileReport report = new ReconcileReport();
    rotator.recover(target(), new TokenMeta(), report);

    assertThat(bao.isLive(twice.token("token").orElseThrow()))
        .as("the current token survives")
        .isTrue();
    assertThat(report.events().get(0).reason()).isEqualTo("SecretRepaired");
    assertThat(report.events().get(0).message())
        .contains("previous-token-2 repeats token", "previous-token-3 repeats previous-token");
    assertThat(secret().data()).doesNotContainKeys(second.tokenKey(), "previous-token-3");
    assertThat(bao.isLive(first.clientToken()))
        .as("the token the tampered slot held is not revoked by the operator: it is left alive")
        .isTrue();
  }

  @Test
  void aPreviousTokenSetToTheCurrentOneIsNeverRevoked() {
    IssuedToken first = provisionAndStore();
    rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
    TokenSecret switched = secret();
    String current = switched.value("token").orElseThrow();
    secrets.put(switched.withData(Map.of(TokenSecretKeys.PREVIOUS_TOKEN, current)));
    bao.clock().advance(GRACE);

    ReconcileReport report = new ReconcileReport();
    rotator.recover(target(), new TokenMeta(), report);

    assertThat(bao.isLive(switched.token("token").orElseThrow()))
        .as("the current token survives the grace end")
        .isTrue();
    assertThat(secret().token(TokenSecretKeys.PREVIOUS_TOKEN)).isEmpty();
    assertThat(bao.calls()).noneMatch(call -> call.endsWith("revoke-self"));
    assertThat(report.events())
        .extracting(ReconcileReport.Event::reason)
        .containsExactly("SecretRepaired");
    assertThat(report.events().get(0).message())
        .contains("kubectl mcpctl audit tokens bao -n team-a")
        .doesNotContain(current);
    assertThat(bao.isLive(first.clientToken()))
        .as("the real predecessor is alive, and the event says how to find it")
        .isTrue();
  }

  @Test
  void aPreviousTokenPaddedToLookDifferentWithDoctoredAccessorsIsStillTheCurrentOne() {
    provisionAndStore();
    rotator.rotate(target(), new TokenMeta(), new ReconcileReport());
    bao.clock().advance(GRACE);
    TokenSecret switched = secret();
    String current = switched.value("token").orElseThrow();
    String currentAccessor = switched.value("accessor").orElseThrow();
    // Every key that the Secret could use to tell the two apart says they differ.
    secrets.put(
        switched.withData(
            Map.of(
                TokenSecretKeys.PREVIOUS_TOKEN,
                " " + current + "\n",
                TokenSecretKeys.PREVIOUS_ACCESSOR,
                currentAccessor,
                TokenSecretKeys.ACCESSOR,
                "not-the-accessor")));
    bao.clearRequests();

    rotator.recover(target(), new TokenMeta(), new ReconcileReport());
    ReconcileReport check = new ReconcileReport();
    rotator.check(target(), new TokenMeta(), check);

    assertThat(bao.isLive(switched.token("token").orElseThrow())).isTrue();
    assertThat(bao.calls()).noneMatch(call -> call.endsWith("revoke-self"));
    assertThat(secret().token(TokenSecretKeys.PREVIOUS_TOKEN)).isEmpty();
    assertThat(secret().value(TokenSecretKeys.ACCESSOR))
        .as("repaired from OpenBao's answer at the next check")
        .contains(currentAccessor);
    assertThat(check.events())
        .extracting(ReconcileReport.Event::reason)
        .containsExactly("SecretRepaired");
  }

  @Test
  void aStagedTokenEqualToTheCurrentOneIsUnstagedAndNeverRevoked() {
    IssuedToken first = provisionAndStore();
    stageTheCurrentToken(first, TokenSecretKeys.NEXT_ACCESSOR, first.accessor());

    ReconcileReport report = new ReconcileReport();
    rotator.recover(target(), new TokenMeta(), report);

    assertThat(bao.isLive(first.clientToken())).isTrue();
    assertThat(secret().token(TokenSecretKeys.NEXT_TOKEN)).isEmpty();
    assertThat(secret().token("token")).contains(first.clientToken());
    assertThat(report.events())
        .extracting(ReconcileReport.Event::reason)
        .containsExactly("SecretRepaired");
  }

  @Test
  void aStagedTokenRefusedOnceIsRevokedBeforeItIsUnstagedNotForgottenAlive() {
    IssuedToken first = provisionAndStore();
    IssuedToken successor = bao.provision(NAMESPACE, BACKEND);
    secrets.put(
        secret()
            .withData(
                Map.of(
                    TokenSecretKeys.NEXT_TOKEN,
                    successor.clientToken().reveal(),
                    TokenSecretKeys.NEXT_ACCESSOR,
                    successor.accessor())));
    // A standby that has not seen the token yet, or a gateway, refuses it once.
    bao.standIn()
        .faults()
        .add(Fault.on("GET", "auth/token/lookup-self").respond(403).times(1).build());

    rotator.recover(target(), new TokenMeta(), new ReconcileReport());

    assertThat(secret().token(TokenSecretKeys.NEXT_TOKEN)).isEmpty();
    assertThat(bao.isLive(successor.clientToken()))
        .as("the unstaged token: held by nobody, so not left alive")
        .isFalse();
    assertThat(bao.isLive(first.clientToken())).as("the consumers' token").isTrue();
  }

  /**
   * The consumers' token copied into next-token, and the spec pointed at another key and given an
   * interval the role's period does not outlast: the staged token fails verification, yet it is the
   * token in use under "token", so it is unstaged and never revoked.
   */
  @Test
  void aStagedTokenAnotherKeyHoldsIsUnstagedAndNeverRevoked() {
    IssuedToken first = provisionAndStore();
    stageTheCurrentToken(first, "token2", "s.AnotherValueEntirely0123");

    rotator.recover(
        target(bao.client(), "token2", Duration.ofHours(1000)),
        new TokenMeta(),
        new ReconcileReport());

    assertThat(bao.isLive(first.clientToken())).as("the consumers' token").isTrue();
    assertThat(secret().token(TokenSecretKeys.NEXT_TOKEN)).isEmpty();
    assertThat(secret().token("token")).contains(first.clientToken());
  }

  /**
   * A backend whose spec names another key than the one holding its token, deleted: its Secret is
   * kept, so the token it holds is not left alive and held by nobody.
   */
  @Test
  void deletingABackendThatNamesAnotherKeyKeepsTheSecretHoldingItsToken() {
    IssuedToken first = provisionAndStore();

    assertThat(rotator.revokeAll(target(bao.client(), "nokey", Duration.ofHours(24)))).isEmpty();

    assertThat(secrets.read(NAMESPACE, "bao-token")).as("the Secret is kept").isPresent();
    assertThat(secret().token("token")).contains(first.clientToken());
    assertThat(bao.isLive(first.clientToken())).isTrue();
  }

  @Test
  void deletingABackendRevokesItsTokenAndDeletesTheSecretItsOperatorMade() {
    IssuedToken first = provisionAndStore();

    assertThat(rotator.revokeAll(target())).isEmpty();

    assertThat(secrets.read(NAMESPACE, "bao-token")).isEmpty();
    assertThat(bao.isLive(first.clientToken())).isFalse();
  }

  @Test
  void aSlotHoldingSomethingOtherThanATokenIsRemovedWithoutAnException() {
    IssuedToken first = provisionAndStore();
    secrets.put(secret().withData(Map.of(TokenSecretKeys.PREVIOUS_TOKEN, "s.abc\r\nX-Evil: 1")));

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(report.rotationFailure()).isEmpty();
    assertThat(report.rotated()).isPresent();
    assertThat(bao.isLive(first.clientToken())).as("in its grace period").isTrue();
  }

  @Test
  void aSecretBoundToAnotherBackendIsNeitherReadForATokenNorSentAnywhere() {
    IssuedToken first = provisionAndStore();
    secrets.put(withBinding(secret(), bound("other-backend", bao.address())));
    bao.clearRequests();

    ReconcileReport rotation = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), rotation);
    ReconcileReport check = new ReconcileReport();
    rotator.check(target(), new TokenMeta(), check);

    assertThat(bao.calls()).as("no request carries the token").isEmpty();
    assertThat(check.tokenProblem().orElseThrow().kind()).isEqualTo(FailureKind.SECRET_NOT_BOUND);
    assertThat(check.tokenProblem().orElseThrow().message())
        .contains("bound to SecretBackend other-backend")
        .doesNotContain(first.clientToken().reveal());
    assertThat(rotator.revokeAll(target()).orElseThrow().kind())
        .as("deletion leaves another backend's Secret alone")
        .isEqualTo(FailureKind.SECRET_NOT_BOUND);
    assertThat(bao.isLive(first.clientToken())).isTrue();
    assertThat(secrets.read(NAMESPACE, "bao-token")).isPresent();
  }

  @Test
  void aTokenIsNotSentToAnAddressItWasNotStoredFor() {
    IssuedToken first = provisionAndStore();
    secrets.put(withBinding(secret(), bound(BACKEND, "https://bao.example.com:8200")));
    bao.clearRequests();

    ReconcileReport check = new ReconcileReport();
    rotator.check(target(), new TokenMeta(), check);

    assertThat(bao.calls()).isEmpty();
    assertThat(check.tokenProblem().orElseThrow().message())
        .contains("holds a token for OpenBao at https://bao.example.com:8200")
        .doesNotContain(first.clientToken().reveal());
  }

  @Test
  void aTokenWithALineBreakIsReportedAsInvalidNotThrown() {
    IssuedToken first = provisionAndStore();
    secrets.put(
        secret().withData(Map.of("token", first.clientToken().reveal() + "\r\nX-Other: 1")));

    ReconcileReport check = new ReconcileReport();
    rotator.check(target(), new TokenMeta(), check);

    assertThat(check.tokenProblem().orElseThrow().kind()).isEqualTo(FailureKind.SECRET_INVALID);
    assertThat(check.tokenProblem().orElseThrow().message())
        .contains("something other than one token under 'token'")
        .doesNotContain(first.clientToken().reveal());
  }

  @Test
  void anEmptyTokenIsReportedAsEmptyNotAsAMissingKey() {
    provisionAndStore();
    secrets.put(secret().withData(Map.of("token", "")));

    ReconcileReport check = new ReconcileReport();
    rotator.check(target(), new TokenMeta(), check);

    assertThat(check.tokenProblem().orElseThrow().kind()).isEqualTo(FailureKind.SECRET_INVALID);
    assertThat(check.tokenProblem().orElseThrow().message()).contains("has an empty key 'token'");
  }

  @Test
  void aMintAnotherProcessStartedMomentsAgoIsWaitedForInsteadOfMintingAgain() {
    provisionAndStore();
    Instant startedAt = bao.clock().instant().minus(Duration.ofSeconds(1));
    recordMintStartedAt(startedAt);
    bao.clearRequests();

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(bao.calls()).noneMatch(call -> call.contains("auth/token/create"));
    assertThat(report.rotationFailure()).as("waiting is no failure").isEmpty();
    assertThat(report.deferredUntil())
        .as("until the other mint's timeout (2s here) and the margin have passed")
        .contains(startedAt.plus(Duration.ofSeconds(12)));
    assertThat(report.events())
        .extracting(ReconcileReport.Event::message)
        .singleElement()
        .asString()
        .contains("may still be answered", "never mints twice");
    assertThat(report.possibleOrphans()).isZero();
  }

  @Test
  void aMintThatCanNoLongerBeAnsweredIsReportedAsAPossibleOrphanAndTheRotationGoesOn() {
    provisionAndStore();
    recordMintStartedAt(bao.clock().instant().minus(Duration.ofMinutes(5)));
    bao.clearRequests();

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(report.rotated()).isPresent();
    assertThat(report.possibleOrphans()).isEqualTo(1);
    assertThat(report.events())
        .extracting(ReconcileReport.Event::reason)
        .containsExactly("PossibleOrphan", "Rotated");
    assertThat(report.events().get(0).message())
        .contains("never reached the Secret", "kubectl mcpctl audit tokens bao -n team-a");
    assertThat(bao.calls().stream().filter(call -> call.contains("auth/token/create"))).hasSize(1);
  }

  @Test
  void aMintWhoseAnswerTimesOutIsReportedAndItsRecordCleared() {
    IssuedToken first = provisionAndStore();
    bao.standIn()
        .faults()
        .add(
            Fault.on("POST", "auth/token/create/.*")
                .delay(Duration.ofMillis(900))
                .times(1)
                .build());
    OpenBaoClient impatient =
        OpenBaoClient.connect(
            OpenBaoConnection.builder(bao.address())
                .requestTimeout(Duration.ofSeconds(2))
                .mintTimeout(Duration.ofMillis(300))
                .build());

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(impatient), new TokenMeta(), report);

    assertThat(report.rotationFailure()).isPresent();
    assertThat(report.possibleOrphans()).isEqualTo(1);
    assertThat(report.events())
        .extracting(ReconcileReport.Event::reason)
        .contains("PossibleOrphan", "RotationFailed");
    assertThat(secret().annotations())
        .doesNotContainKey(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION);
    assertThat(secret().token("token")).contains(first.clientToken());
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(bao.liveTokensOf(BACKEND))
                    .as("OpenBao finished the mint nobody waited for: the orphan the event names")
                    .hasSize(2));
  }

  @Test
  void aStaticTokenIsNeitherRotatedNorRevokedWhenSomeoneTurnsRotationOnInTheSpec() {
    IssuedToken given = provisionAndStore();
    secrets.put(
        secret()
            .withAnnotations(
                TokenSecretBinding.Binding.fixed(
                        BACKEND, bao.address(), TokenSecretBinding.TLS_SYSTEM)
                    .annotations())
            .withAnnotations(withoutKey(TokenSecretBinding.ROTATION_ANNOTATION)));
    bao.clearRequests();

    ReconcileReport rotation = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), rotation);

    assertThat(bao.calls()).as("no mint with the given token, no revoke").isEmpty();
    assertThat(rotation.tokenProblem().orElseThrow().kind())
        .isEqualTo(FailureKind.SECRET_NOT_BOUND);
    assertThat(rotation.tokenProblem().orElseThrow().message())
        .contains("as a static one", "neither rotates nor revokes it");
    assertThat(rotator.revokeAll(target()).orElseThrow().kind())
        .isEqualTo(FailureKind.SECRET_NOT_BOUND);
    assertThat(bao.isLive(given.clientToken())).isTrue();
  }

  @Test
  void aTokenIsNotSentOverAWeakerCertificateCheckThanItWasStoredFor() {
    IssuedToken first = provisionAndStore();
    String https = "https://127.0.0.1:8200";
    secrets.put(
        withBinding(
            secret(),
            TokenSecretBinding.Binding.rotated(BACKEND, https, TokenSecretBinding.TLS_SYSTEM)
                .annotations()));
    BackendTarget insecure =
        new BackendTarget(
            NAMESPACE,
            BACKEND,
            new SecretKeyRef("bao-token", "token"),
            https,
            TokenSecretBinding.TLS_INSECURE,
            OpenBaoFixture.MOUNT,
            bao.access(BACKEND).pathPrefix(),
            target().rotation(),
            bao.client());

    ReconcileReport check = new ReconcileReport();
    rotator.check(insecure, new TokenMeta(), check);

    assertThat(check.tokenProblem().orElseThrow().kind()).isEqualTo(FailureKind.SECRET_NOT_BOUND);
    assertThat(check.tokenProblem().orElseThrow().message())
        .contains("not verified at all (insecureSkipVerify)")
        .doesNotContain(first.clientToken().reveal());
  }

  @Test
  void aRenewalNeverHidesThatTheTokenLostItsFolder() {
    IssuedToken first = provisionAndStore();
    NarrowAccess access = bao.access(BACKEND);
    bao.admin()
        .writePolicy(
            access.policyName(),
            NarrowPolicy.hcl(
                NarrowAccess.forBackend("team-z", BACKEND, access.mount(), access.pathPrefix())
                    .withPolicyName(access.policyName())
                    .withRoleName(access.roleName())));
    bao.clock().advance(Duration.ofDays(25));
    TokenMeta failing = new TokenMeta();
    failing.setConsecutiveFailures(3);

    ReconcileReport check = new ReconcileReport();
    rotator.check(target(), failing, check);

    assertThat(bao.calls()).contains("POST /v1/auth/token/renew-self");
    assertThat(check.tokenProblem().orElseThrow().kind())
        .as("renewed, and still unable to use its folder")
        .isEqualTo(FailureKind.KV_ACCESS_DENIED);
    assertThat(bao.isLive(first.clientToken())).isTrue();
  }

  @Test
  void aMintRecordInTheFutureIsReplacedInsteadOfHoldingRotationsBackForEver() {
    provisionAndStore();
    recordMintStartedAt(bao.clock().instant().plus(Duration.ofDays(365)));
    bao.clearRequests();

    ReconcileReport report = new ReconcileReport();
    rotator.rotate(target(), new TokenMeta(), report);

    assertThat(report.rotated()).isPresent();
    assertThat(report.deferredUntil()).isEmpty();
    assertThat(report.events())
        .extracting(ReconcileReport.Event::reason)
        .containsExactly("SecretRepaired", "Rotated");
  }

  private static Map<String, String> withoutKey(String annotation) {
    Map<String, String> removal = new HashMap<>();
    removal.put(annotation, null);
    return removal;
  }

  private void recordMintStartedAt(Instant startedAt) {
    Map<String, String> record = new HashMap<>();
    record.put(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION, Rfc3339.format(startedAt));
    secrets.put(secret().withAnnotations(record));
  }

  private static Map<String, String> bound(String backend, String address) {
    return TokenSecretBinding.Binding.rotated(backend, address, TokenSecretBinding.TLS_SYSTEM)
        .annotations();
  }

  private static TokenSecret withBinding(TokenSecret secret, Map<String, String> annotations) {
    return secret.withAnnotations(annotations);
  }

  private IssuedToken provisionAndStore() {
    IssuedToken first = bao.provision(NAMESPACE, BACKEND);
    secrets.put(InMemoryTokenSecretStore.boundSecret(NAMESPACE, BACKEND, bao.address(), first));
    return first;
  }

  /** Puts the current token into next-token as well, with {@code key} set to {@code value}. */
  private void stageTheCurrentToken(IssuedToken current, String key, String value) {
    secrets.put(
        secret()
            .withData(
                Map.of(TokenSecretKeys.NEXT_TOKEN, current.clientToken().reveal(), key, value)));
  }

  private TokenSecret secret() {
    return secrets.read(NAMESPACE, "bao-token").orElseThrow();
  }

  private BackendTarget target() {
    return target(bao.client());
  }

  private BackendTarget target(OpenBaoClient client) {
    return target(client, "token", Duration.ofHours(24));
  }

  private BackendTarget target(OpenBaoClient client, String key, Duration interval) {
    NarrowAccess access = bao.access(BACKEND);
    return new BackendTarget(
        NAMESPACE,
        BACKEND,
        new SecretKeyRef("bao-token", key),
        bao.address(),
        TokenSecretBinding.TLS_SYSTEM,
        OpenBaoFixture.MOUNT,
        access.pathPrefix(),
        Optional.of(
            new RotationSettings(access.roleName(), interval, Duration.ofMinutes(10), GRACE)),
        client);
  }
}
