package io.mcpctl.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenHealth;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.rotation.RotationLimiter;
import io.mcpctl.operator.rotation.RotationStep;
import io.mcpctl.operator.rotation.SlotWaiters;
import io.mcpctl.operator.rotation.StepListener;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.operator.testing.FaultySecretStore;
import io.mcpctl.operator.testing.InMemoryTokenSecretStore;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.ReconcileDriver;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretBinding;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconciles of one backend over days of a moved clock, against the stand-in. */
class BackendReconciliationIT {

  private static final String NAMESPACE = "team-a";
  private static final Duration WARNING_WINDOW = TokenHealthEvaluator.DEFAULT_WARNING_WINDOW;
  private final OpenBaoFixture bao = new OpenBaoFixture();
  private final InMemoryTokenSecretStore secrets = new InMemoryTokenSecretStore();

  @AfterEach
  void stop() {
    bao.close();
  }

  @Test
  void anOverdueBackendIsRotatedAtTheFirstReconcileAfterARestart() {
    SecretBackend backend = backend("overdue", "24h");
    SecretBackendStatus overdue = new SecretBackendStatus();
    TokenMeta meta = new TokenMeta();
    meta.setLastRotationAt("2025-05-30T12:00:00Z");
    meta.setNextRotationAt("2025-05-31T12:00:00Z");
    meta.setLastCheckedAt("2025-06-01T11:59:00Z");
    overdue.setTokenMeta(meta);
    backend.setStatus(overdue);
    ReconcileDriver driver = driver(backend);

    ReconcileOutcome outcome = driver.reconcile();

    assertThat(outcome.report().rotated()).isPresent();
    assertThat(outcome.status().getTokenMeta().getLastRotationAt())
        .isEqualTo("2025-06-01T12:00:00Z");
  }

  @Test
  void theJitterIsRolledOnceAndIdleReconcilesNeitherCallOpenBaoNorWrite() {
    ReconcileDriver driver = driver(backend("steady", "24h"));
    ReconcileOutcome rotation = driver.reconcile();
    driver.persist(rotation.status());
    String next = rotation.status().getTokenMeta().getNextRotationAt();
    Instant switched = Instant.parse(rotation.status().getTokenMeta().getLastRotationAt());
    assertThat(Instant.parse(next))
        .isBetween(
            switched.plus(Duration.ofHours(24)).minusSeconds(60),
            switched.plus(Duration.ofHours(24)).plusSeconds(60));
    bao.clock().advance(Duration.ofMinutes(2));
    driver.persist(driver.reconcile().status());
    long writes = secrets.writes();
    bao.clearRequests();

    for (int idle = 0; idle < 5; idle++) {
      bao.clock().advance(Duration.ofMinutes(5));
      ReconcileOutcome outcome = driver.reconcile();
      assertThat(outcome.status()).isEqualTo(driver.backend().getStatus());
      assertThat(outcome.rescheduleAfter()).isPositive();
    }

    assertThat(bao.calls()).as("OpenBao calls of idle reconciles").isEmpty();
    assertThat(secrets.writes()).as("Secret writes of idle reconciles").isEqualTo(writes);
    assertThat(driver.backend().getStatus().getTokenMeta().getNextRotationAt()).isEqualTo(next);
  }

  @Test
  void hourlyChecksThatFindNothingNewWriteStatusOnceADay() {
    ReconcileDriver driver = driver(backend("quiet", "168h"));
    settle(driver);
    String recorded = driver.backend().getStatus().getTokenMeta().getLastCheckedAt();
    bao.clearRequests();

    int checks = 0;
    int writes = 0;
    Instant dayLater = bao.clock().instant().plus(QuietStatus.RECORD_EVERY).plusSeconds(1);
    while (bao.clock().instant().isBefore(dayLater.plus(Duration.ofHours(2)))) {
      ReconcileOutcome outcome = driver.reconcile();
      if (outcome.report().checkedAt().isPresent()) {
        checks++;
      }
      if (!outcome.status().equals(driver.backend().getStatus())) {
        writes++;
        assertThat(bao.clock().instant())
            .as("the only write: the recorded check is a day old")
            .isAfterOrEqualTo(Instant.parse(recorded).plus(QuietStatus.RECORD_EVERY));
        driver.persist(outcome.status());
      }
      bao.clock().advance(outcome.rescheduleAfter());
    }

    assertThat(checks).as("one lookup an hour, as the interval says").isBetween(27, 29);
    assertThat(bao.calls()).filteredOn(call -> call.contains("lookup-self")).hasSize(checks);
    assertThat(writes).as("status writes in 28 hours of checks").isOne();
    assertThat(driver.backend().getStatus().getTokenMeta().getLastCheckedAt())
        .isNotEqualTo(recorded);
  }

  @Test
  void theFirstCheckAfterASlowRotationWritesNothing() {
    // Seconds pass between the mint and the switch (a loaded OpenBao or API server), so the
    // switch's clock and OpenBao's creation time of the token fall in different seconds.
    ReconcileDriver driver =
        new ReconcileDriver(
            bao,
            bao.client(),
            secrets,
            step -> {
              if (step == RotationStep.MINTED) {
                bao.clock().advance(Duration.ofSeconds(3));
              }
            },
            backend("slow", "24h"));
    ReconcileOutcome rotation = driver.reconcile();
    assertThat(rotation.report().rotated()).isPresent();
    driver.persist(rotation.status());
    bao.clock().advance(rotation.rescheduleAfter());
    driver.persist(driver.reconcile().status());
    SecretBackendStatus afterRotation = driver.backend().getStatus();

    ReconcileOutcome check = driver.reconcile();
    for (int wakeUps = 0; wakeUps < 5 && check.report().checkedAt().isEmpty(); wakeUps++) {
      bao.clock().advance(check.rescheduleAfter());
      check = driver.reconcile();
    }

    assertThat(check.report().checkedAt()).as("a check within five wake-ups").isPresent();
    assertThat(check.status())
        .as("the status after the first check")
        .usingRecursiveComparison()
        .isEqualTo(afterRotation);
  }

  @Test
  void anotherMintTimeThanTheRecordedOneIsWrittenAtOnce() {
    SecretBackendStatus recorded = rotatedAndChecked("replaced");
    SecretBackendStatus fresh =
        withTokenMeta(
            recorded,
            other ->
                other.setGeneratedAt(
                    Rfc3339.format(
                        Instant.parse(other.getGeneratedAt()).plus(Duration.ofMinutes(2)))));

    assertThat(QuietStatus.settle(recorded, fresh, bao.clock().instant(), WARNING_WINDOW))
        .isSameAs(fresh);
  }

  @Test
  void anExpiryThatMovesEarlierIsWrittenAtOnce() {
    SecretBackendStatus recorded = rotatedAndChecked("shrinking");
    SecretBackendStatus fresh =
        withTokenMeta(
            recorded,
            shorter -> {
              shorter.setExpiresAt(
                  Rfc3339.format(Instant.parse(shorter.getExpiresAt()).minus(Duration.ofHours(5))));
              shorter.setLastCheckedAt(Rfc3339.format(bao.clock().instant()));
            });

    assertThat(QuietStatus.settle(recorded, fresh, bao.clock().instant(), WARNING_WINDOW))
        .isSameAs(fresh);
  }

  @Test
  void aLaterExpiryIsWrittenAtOnceWhenItTakesTheTokenOutOfTheWarningWindow() {
    SecretBackendStatus checked = rotatedAndChecked("renewed-late");
    Instant now = bao.clock().instant();
    SecretBackendStatus farOff =
        withTokenMeta(
            checked,
            meta -> meta.setExpiresAt(Rfc3339.format(now.plus(WARNING_WINDOW).plusSeconds(3600))));
    SecretBackendStatus soon =
        withTokenMeta(
            checked,
            meta -> meta.setExpiresAt(Rfc3339.format(now.plus(WARNING_WINDOW).minusSeconds(3600))));

    assertThat(QuietStatus.settle(farOff, renewed(farOff, now), now, WARNING_WINDOW))
        .as("a later expiry while the recorded one is far off waits for the daily record")
        .isSameAs(farOff);
    SecretBackendStatus renewedSoon = renewed(soon, now);
    assertThat(QuietStatus.settle(soon, renewedSoon, now, WARNING_WINDOW))
        .as("the recorded expiry is what EXPIRES, the metric and its alert show")
        .isSameAs(renewedSoon);
    SecretBackendStatus renewedWithinTheWindow =
        withTokenMeta(
            soon,
            meta -> {
              meta.setExpiresAt(Rfc3339.format(now.plus(WARNING_WINDOW).minusSeconds(60)));
              meta.setLastCheckedAt(Rfc3339.format(now));
            });
    assertThat(QuietStatus.settle(soon, renewedWithinTheWindow, now, WARNING_WINDOW))
        .as("a period that fits in the window (capped by OpenBao) renews within it: no news")
        .isSameAs(soon);
  }

  /** {@code recorded} as a check at {@code now} finds it: renewed for 30 days. */
  private static SecretBackendStatus renewed(SecretBackendStatus recorded, Instant now) {
    return withTokenMeta(
        recorded,
        meta -> {
          meta.setExpiresAt(Rfc3339.format(now.plus(Duration.ofDays(30))));
          meta.setLastCheckedAt(Rfc3339.format(now));
        });
  }

  private SecretBackendStatus rotatedAndChecked(String name) {
    ReconcileDriver driver = driver(backend(name, "168h"));
    driver.persist(driver.reconcile().status());
    bao.clock().advance(Duration.ofMinutes(2));
    driver.persist(driver.reconcile().status());
    return driver.backend().getStatus();
  }

  /** {@code recorded} as a check would build it afresh, with {@code change} made to its token. */
  private static SecretBackendStatus withTokenMeta(
      SecretBackendStatus recorded, Consumer<TokenMeta> change) {
    SecretBackendStatus fresh = new SecretBackendStatus();
    fresh.setObservedGeneration(recorded.getObservedGeneration());
    fresh.setConditions(recorded.getConditions());
    TokenMeta meta = TokenMeta.copyOf(recorded.getTokenMeta());
    change.accept(meta);
    fresh.setTokenMeta(meta);
    return fresh;
  }

  @Test
  void aRotationIsScheduledForItsRolledTimeAndHappensThen() {
    ReconcileDriver driver = driver(backend("scheduled", "24h"));
    driver.persist(driver.reconcile().status());
    bao.clock().advance(Duration.ofMinutes(2));
    driver.persist(driver.reconcile().status());
    Instant next = Instant.parse(driver.backend().getStatus().getTokenMeta().getNextRotationAt());
    String firstRotation = driver.backend().getStatus().getTokenMeta().getLastRotationAt();

    int rounds = 0;
    while (Objects.equals(
            driver.backend().getStatus().getTokenMeta().getLastRotationAt(), firstRotation)
        && rounds++ < 40) {
      ReconcileOutcome outcome = driver.reconcile();
      driver.persist(outcome.status());
      bao.clock().advance(outcome.rescheduleAfter());
    }

    Instant second = Instant.parse(driver.backend().getStatus().getTokenMeta().getLastRotationAt());
    assertThat(second).isAfterOrEqualTo(next).isBefore(next.plusSeconds(2));
  }

  @Test
  void aRotationReadsTheSecretOnceAndNeverReadsBackWhatItWrote() {
    ReconcileDriver driver = driver(backend("frugal", "24h"));
    long readsBefore = secrets.reads();
    long writesBefore = secrets.writes();

    ReconcileOutcome rotation = driver.reconcile();
    driver.persist(rotation.status());

    assertThat(rotation.report().rotated()).isPresent();
    assertThat(secrets.writes() - writesBefore)
        .as("the mint recorded, the successor staged, the switch")
        .isEqualTo(3);
    assertThat(secrets.reads() - readsBefore).as("Secret reads of the rotating reconcile").isOne();
    assertThat(rotation.rescheduleAfter())
        .as("wakes up when the grace period (2m) ends, as the Secret written says")
        .isEqualTo(Duration.ofMinutes(2));

    bao.clock().advance(rotation.rescheduleAfter());
    long readsBeforeGraceEnd = secrets.reads();
    bao.clearRequests();
    ReconcileOutcome graceEnd = driver.reconcile();

    assertThat(bao.calls())
        .as("current and previous looked up and told apart by accessor, then the revoke")
        .containsExactly(
            "GET /v1/auth/token/lookup-self",
            "GET /v1/auth/token/lookup-self",
            "POST /v1/auth/token/revoke-self");
    assertThat(secrets.history().get(secrets.history().size() - 1))
        .doesNotContain("previous-token");
    assertThat(secrets.reads() - readsBeforeGraceEnd)
        .as("Secret reads of the reconcile that revokes the predecessor")
        .isOne();
    assertThat(graceEnd.rescheduleAfter()).isGreaterThan(Duration.ofMinutes(50));
  }

  @Test
  void aSecretWriteWithAnUnknownOutcomeIsReadBackBeforeTheNextWakeUpIsChosen() {
    FaultySecretStore faulty = new FaultySecretStore(secrets);
    SecretBackend backend = backend("lost-answer", "24h");
    ReconcileDriver driver =
        new ReconcileDriver(bao, bao.client(), faulty, StepListener.NONE, backend);
    // The second update is the staging write (the first records the mint).
    faulty.failUpdate(2, FaultySecretStore.Mode.SERVER_ERROR_AFTER_COMMIT);
    long readsBefore = secrets.reads();

    ReconcileOutcome failed = driver.reconcile();

    assertThat(failed.report().rotationFailure()).isPresent();
    assertThat(secrets.reads() - readsBefore)
        .as("the plan's read, then the read back")
        .isEqualTo(2);
    assertThat(failed.rescheduleAfter())
        .as("the staging write happened after all: the staged token is resolved at once")
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aStagedTokenOpenBaoCannotResolveWaitsForTheBackOffInsteadOfASecond() {
    SecretBackend backend = backend("staged", "24h");
    ReconcileDriver driver = driver(backend);
    driver.persist(driver.reconcile().status());
    IssuedToken staged = bao.provision(NAMESPACE, "staged");
    TokenSecret current = secrets.read(NAMESPACE, "staged-token").orElseThrow();
    secrets.put(
        current.withData(
            Map.of(
                TokenSecretKeys.NEXT_TOKEN,
                staged.clientToken().reveal(),
                TokenSecretKeys.NEXT_ACCESSOR,
                staged.accessor())));
    bao.standIn().faults().add(Fault.on("GET", ".*").respond(503, "unavailable").build());
    bao.standIn().faults().add(Fault.on("POST", ".*").respond(503, "unavailable").build());

    List<Duration> waits = new ArrayList<>();
    for (int attempt = 0; attempt < 3; attempt++) {
      ReconcileOutcome outcome = driver.reconcile();
      assertThat(outcome.report().rotationFailure()).as("attempt %d", attempt).isPresent();
      driver.persist(outcome.status());
      waits.add(outcome.rescheduleAfter());
      bao.clock().advance(outcome.rescheduleAfter());
    }

    assertThat(waits).allSatisfy(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(10)));
    assertThat(waits.get(2)).isGreaterThan(waits.get(0));
  }

  @Test
  void aDueRotationWaitingForASlotReadsNothing() {
    SecretBackend backend = backend("waiting", "24h");
    ReconcileDriver driver = driver(backend);
    List<RotationLimiter.Permit> taken = new ArrayList<>();
    for (int slot = 0; slot < ReconcileDriver.MAX_CONCURRENT_ROTATIONS; slot++) {
      taken.add(driver.limiter().tryAcquire("elsewhere", false).orElseThrow());
    }
    long readsBefore = secrets.reads();
    bao.clearRequests();

    ReconcileOutcome refused = driver.reconcile();

    assertThat(refused.report().rotated()).isEmpty();
    assertThat(refused.rescheduleAfter()).isPositive().isLessThan(Duration.ofSeconds(2));
    assertThat(secrets.reads() - readsBefore).as("Secret reads while every slot is taken").isZero();
    assertThat(bao.calls()).isEmpty();
    assertThat(refused.status().getConditions())
        .as("nothing was looked at, so nothing reads as working yet")
        .singleElement()
        .satisfies(
            ready -> {
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo(ReadyReasons.WAITING_FOR_ROTATION_SLOT);
            });
    driver.persist(refused.status());

    taken.forEach(RotationLimiter.Permit::close);
    ReconcileOutcome admitted = driver.reconcile();

    assertThat(admitted.report().rotated()).isPresent();
    assertThat(secrets.reads() - readsBefore).isOne();
    assertThat(admitted.status().getConditions())
        .filteredOn(condition -> condition.getType().equals("Ready"))
        .extracting(condition -> condition.getReason())
        .containsExactly(ReadyReasons.TOKEN_VALID);
  }

  @Test
  void aNamespaceHoldingHalfTheSlotsLeavesTheRestToAnotherNamespaceThatWaits() {
    SecretBackend backend = backend("crowding", "24h");
    List<SlotWaiters.BackendKey> woken = new ArrayList<>();
    SlotWaiters waiters = new SlotWaiters(woken::add);
    ReconcileDriver driver =
        new ReconcileDriver(
            bao, bao.client(), secrets, StepListener.NONE, backend, TokenConsumers.NONE, waiters);
    // Two rotations of this namespace hang (its OpenBao answers mints slowly), two slots are free.
    for (int slot = 0; slot < ReconcileDriver.MAX_CONCURRENT_ROTATIONS / 2; slot++) {
      driver.limiter().tryAcquire(NAMESPACE, false).orElseThrow();
    }
    SlotWaiters.BackendKey elsewhere = new SlotWaiters.BackendKey("team-b", "bao");
    waiters.waitForSlot(elsewhere);

    ReconcileOutcome refused = driver.reconcile();

    assertThat(refused.report().rotated()).as("while team-b waits").isEmpty();
    assertThat(woken).as("the free slot goes to team-b").containsExactly(elsewhere);
    assertThat(driver.reconcile().report().rotated())
        .as("until team-b, woken, has come for its slot")
        .isEmpty();
    RotationLimiter.Permit teamB = driver.limiter().tryAcquire("team-b", false).orElseThrow();
    waiters.stopWaiting(elsewhere);
    ReconcileOutcome admitted = driver.reconcile();
    assertThat(admitted.report().rotated()).as("once nobody else waits").isPresent();
    teamB.close();
  }

  @Test
  void aStaticTokenIsCheckedHourlyAndNeverRotated() {
    SecretBackend backend = backend("static", "24h");
    backend.getSpec().getOpenbao().getAuth().setRotation(null);
    ReconcileDriver driver = driver(backend);
    bao.clearRequests();
    long readsBefore = secrets.reads();

    for (int hour = 0; hour < 72; hour++) {
      ReconcileOutcome outcome = driver.reconcile();
      driver.persist(outcome.status());
      bao.clock().advance(outcome.rescheduleAfter());
    }

    assertThat(bao.calls())
        .as("each hourly check: lookup-self, and what the token may do in KV")
        .isNotEmpty()
        .allMatch(
            call ->
                call.equals("GET /v1/auth/token/lookup-self")
                    || call.equals("POST /v1/sys/capabilities-self"));
    assertThat(bao.calls()).hasSizeBetween(140, 148);
    assertThat(secrets.reads() - readsBefore)
        .as("Secret reads: one per reconcile, which the check uses too")
        .isEqualTo(72);
    TokenMeta meta = driver.backend().getStatus().getTokenMeta();
    assertThat(meta.getRotatable()).isFalse();
    assertThat(meta.getExpiresAt()).isNotNull();
    assertThat(meta.getLastRotationAt()).isNull();
    assertThat(meta.getHealth()).as("no health section for a static token").isNull();
    assertThat(secrets.writes()).isZero();
  }

  @Test
  void aRotateRequestIsActedOnOncePerValue() {
    ReconcileDriver driver = driver(backend("manual", "24h"));
    driver.persist(driver.reconcile().status());
    bao.clock().advance(Duration.ofMinutes(3));
    driver.persist(driver.reconcile().status());
    driver
        .backend()
        .getMetadata()
        .setAnnotations(
            Map.of(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, "2025-06-01T12:03:00Z"));
    bao.clearRequests();

    for (int round = 0; round < 6; round++) {
      ReconcileOutcome outcome = driver.reconcile();
      driver.persist(outcome.status());
      bao.clock().advance(Duration.ofMinutes(1));
    }

    assertThat(bao.calls().stream().filter(call -> call.contains("auth/token/create"))).hasSize(1);
    assertThat(driver.backend().getStatus().getTokenMeta().getHandledRotateRequest())
        .isEqualTo("2025-06-01T12:03:00Z");
  }

  @Test
  void aRotateRequestMeetingAMintAnotherProcessStartedWaitsForItAndStaysPending() {
    ReconcileDriver driver = driver(backend("overlap", "24h"));
    driver.persist(driver.reconcile().status());
    bao.clock().advance(Duration.ofMinutes(3));
    driver.persist(driver.reconcile().status());
    Instant startedAt = bao.clock().instant().minusSeconds(1);
    Map<String, String> record = new HashMap<>();
    record.put(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION, Rfc3339.format(startedAt));
    secrets.put(secrets.read(NAMESPACE, "overlap-token").orElseThrow().withAnnotations(record));
    driver
        .backend()
        .getMetadata()
        .setAnnotations(
            Map.of(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, "2025-06-01T12:03:00Z"));
    bao.clearRequests();

    ReconcileOutcome deferred = driver.reconcile();
    driver.persist(deferred.status());

    assertThat(bao.calls()).noneMatch(call -> call.contains("auth/token/create"));
    assertThat(deferred.rescheduleAfter())
        .as("back exactly when the other mint can no longer be answered (2s + 10s margin)")
        .isEqualTo(Duration.ofSeconds(11));
    assertThat(deferred.status().getTokenMeta().getHandledRotateRequest())
        .as("the request is still pending")
        .isNotEqualTo("2025-06-01T12:03:00Z");
    assertThat(deferred.status().getTokenMeta().getConsecutiveFailures()).isZero();

    bao.clock().advance(deferred.rescheduleAfter());
    ReconcileOutcome rotated = driver.reconcile();

    assertThat(rotated.report().rotated()).isPresent();
    assertThat(rotated.report().possibleOrphans()).isEqualTo(1);
    assertThat(rotated.status().getTokenMeta().getHandledRotateRequest())
        .isEqualTo("2025-06-01T12:03:00Z");
  }

  @Test
  void aMissingSecretIsReportedWithoutCallingOpenBao() {
    SecretBackend backend = backend("missing", "24h");
    backend.getSpec().getOpenbao().getAuth().getTokenSecretRef().setName("nowhere");
    ReconcileDriver driver = driver(backend);
    bao.clearRequests();

    ReconcileOutcome outcome = driver.reconcile();

    assertThat(outcome.status().getConditions().get(0).getReason())
        .isEqualTo(ReadyReasons.SECRET_MISSING);
    assertThat(outcome.status().getTokenMeta().getHealth()).isEqualTo(TokenHealth.ERROR);
    assertThat(bao.calls()).isEmpty();
  }

  /** Reconciles until the first rotation, its grace period and revocation are behind. */
  @Test
  void aNamespaceWithAllItsOpenBaoCallsUnderWayPutsOffItsChecksWhileOthersGoOn() {
    NamespaceShare share = new NamespaceShare(1);
    ReconcileDriver crowded = sharing(share, backend("crowded", "168h"));
    ReconcileDriver other = sharing(share, backend("other", "168h"));
    settle(crowded);
    settle(other);
    bao.clock().advance(Duration.ofHours(2));
    bao.clearRequests();

    ReconcileOutcome putOff;
    try (NamespaceShare.Entered hung = share.tryEnter(NAMESPACE).orElseThrow()) {
      // One check of team-a waits on an OpenBao that does not answer.
      putOff = crowded.reconcile();
    }
    assertThat(putOff.report().checkedAt()).isEmpty();
    assertThat(putOff.status()).isEqualTo(crowded.backend().getStatus());
    assertThat(putOff.rescheduleAfter()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    assertThat(bao.calls()).as("no OpenBao call while the namespace has no room").isEmpty();

    try (NamespaceShare.Entered hung = share.tryEnter("team-b").orElseThrow()) {
      assertThat(crowded.reconcile().report().checkedAt())
          .as("another namespace's calls take none of team-a's room")
          .isPresent();
    }
    assertThat(other.reconcile().report().checkedAt()).isPresent();
  }

  @Test
  void aNewBackendWhoseFirstCheckIsPutOffIsNotReadyYetAndSaysWhy() {
    NamespaceShare share = new NamespaceShare(1);
    IssuedToken token = bao.provision(NAMESPACE, "static");
    secrets.put(
        new TokenSecret(
            NAMESPACE,
            "static-token",
            TokenSecretBinding.TYPE,
            null,
            Map.of("token", token.clientToken().reveal()),
            new TokenSecretBinding.Binding(
                    "static", bao.address(), TokenSecretBinding.TLS_SYSTEM, false)
                .annotations(),
            Map.of()));
    SecretBackend backend =
        KubernetesFixture.openbaoBackend(
            NAMESPACE,
            "static",
            bao.address(),
            OpenBaoFixture.MOUNT,
            bao.access("static").pathPrefix());
    backend.getMetadata().setGeneration(1L);
    ReconcileDriver driver = sharing(share, backend);

    ReconcileOutcome putOff;
    try (NamespaceShare.Entered hung = share.tryEnter(NAMESPACE).orElseThrow()) {
      putOff = driver.reconcile();
    }

    assertThat(putOff.status().getObservedGeneration()).isNull();
    assertThat(putOff.status().getConditions())
        .singleElement()
        .satisfies(
            ready -> {
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo(ReadyReasons.NAMESPACE_BUSY);
            });
    driver.persist(putOff.status());
    assertThat(driver.reconcile().status().getConditions())
        .filteredOn(condition -> condition.getType().equals("Ready"))
        .extracting(condition -> condition.getReason())
        .as("checked once the namespace has room")
        .containsExactly(ReadyReasons.TOKEN_VALID);
  }

  private ReconcileDriver sharing(NamespaceShare share, SecretBackend backend) {
    return new ReconcileDriver(
        bao,
        bao.client(),
        secrets,
        StepListener.NONE,
        backend,
        TokenConsumers.NONE,
        SlotWaiters.none(),
        share);
  }

  private void settle(ReconcileDriver driver) {
    for (int round = 0; round < 20; round++) {
      ReconcileOutcome outcome = driver.reconcile();
      if (outcome.status().equals(driver.backend().getStatus())) {
        return;
      }
      driver.persist(outcome.status());
      bao.clock().advance(outcome.rescheduleAfter());
    }
    throw new AssertionError("the backend never settled");
  }

  private SecretBackend backend(String name, String interval) {
    IssuedToken first = bao.provision(NAMESPACE, name);
    secrets.put(InMemoryTokenSecretStore.boundSecret(NAMESPACE, name, bao.address(), first));
    return ReconcileDriver.newBackend(NAMESPACE, name, bao, interval, "1m", "2m");
  }

  private ReconcileDriver driver(SecretBackend backend) {
    return new ReconcileDriver(bao, bao.client(), secrets, StepListener.NONE, backend);
  }
}
