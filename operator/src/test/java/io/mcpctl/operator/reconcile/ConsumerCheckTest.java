package io.mcpctl.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.consumer.ReadMode;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.consumer.Workload;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.rotation.ReconcileReport;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.schedule.ConsumerPolicy;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.PreviousSlot;
import io.mcpctl.tokensecret.TokenSecretBinding;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rounds of rolling restarts wait for their turns on reconcile threads, which every namespace
 * shares: a namespace sends one round at a time, whatever its workloads and backends.
 */
class ConsumerCheckTest {

  private static final Instant SWITCHED_AT = Instant.parse("2026-12-06T10:00:00Z");
  private static final Instant NOW = SWITCHED_AT.plusSeconds(1);

  private final List<RestartRequest> sent = new CopyOnWriteArrayList<>();
  private volatile boolean podsGone;
  private final CountDownLatch firstRestartStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirstRestart = new CountDownLatch(1);

  /** Each backend's pods: one Deployment per backend, started before the switch. */
  private final TokenConsumers consumers =
      new TokenConsumers() {
        @Override
        public List<TokenConsumer> find(String namespace, String secret, String tokenKey) {
          if (podsGone) {
            return List.of();
          }
          return List.of(
              new TokenConsumer(
                  secret + "-pod",
                  "app",
                  ReadMode.ENV,
                  new Workload(Workload.DEPLOYMENT, secret + "-app"),
                  Optional.of(SWITCHED_AT.minusSeconds(60)),
                  false));
        }

        @Override
        public void restart(RestartRequest request, Turn turn) throws InterruptedException {
          if (request.workload().name().equals("slow-token-app")) {
            firstRestartStarted.countDown();
            releaseFirstRestart.await(10, TimeUnit.SECONDS);
          }
          turn.await();
          sent.add(request);
        }
      };

  private final ConsumerCheck check =
      new ConsumerCheck(
          consumers,
          Duration.ofMinutes(1),
          new RestartPacer(Clock.fixed(NOW, ZoneOffset.UTC), 5, wait -> {}));

  @Test
  void whileOneRoundIsSentInANamespaceAnotherOfItIsPutOffAndSentByALaterLook() throws Exception {
    CompletableFuture<ReconcileReport> slowRound =
        CompletableFuture.supplyAsync(() -> switched(target("team-a", "slow")));
    assertThat(firstRestartStarted.await(10, TimeUnit.SECONDS)).isTrue();

    ReconcileReport putOff = switched(target("team-a", "quick"));
    ReconcileReport otherNamespace = switched(target("team-b", "quick"));

    assertThat(sent)
        .extracting(request -> request.namespace() + "/" + request.workload().name())
        .as("team-a's second round waits; team-b's is its own")
        .containsExactly("team-b/quick-token-app");
    assertThat(reasons(putOff)).doesNotContain("ConsumersRestarted");
    assertThat(reasons(otherNamespace)).contains("ConsumersRestarted");

    releaseFirstRestart.countDown();
    assertThat(reasons(slowRound.get(10, TimeUnit.SECONDS))).contains("ConsumersRestarted");

    assertThat(reasons(putOff)).containsExactly("ConsumersRestartPutOff");
    BackendTarget quick = target("team-a", "quick");
    assertThat(check.roundPutOff(quick.key())).isTrue();
    ReconcileReport resumedOnTheSecretsWord = new ReconcileReport();
    check.resumeRestarts(
        quick, pendingSecret(quick), seen(quick), resumedOnTheSecretsWord, NOW.plusSeconds(60));
    assertThat(reasons(resumedOnTheSecretsWord)).as("the round put off sends it").isEmpty();
    ReconcileReport later = new ReconcileReport();
    check.sendRoundPutOff(quick, state(), later, NOW.plusSeconds(60));

    assertThat(sent)
        .extracting(request -> request.namespace() + "/" + request.workload().name())
        .containsExactly(
            "team-b/quick-token-app", "team-a/slow-token-app", "team-a/quick-token-app");
    assertThat(sent.get(2).switchedAt()).isEqualTo(SWITCHED_AT);
    assertThat(reasons(later))
        .as("its own round, sent late, not one resumed on the Secret's word")
        .containsExactly("ConsumersRestarted");
    assertThat(later.restartedWorkloads()).hasSize(1);
    assertThat(check.roundPutOff(quick.key())).isFalse();
  }

  @Test
  void aRoundPutOffIsSentEvenWhenThePreviousTokenWasRevokedAtTheSwitch() throws Exception {
    CompletableFuture<ReconcileReport> slowRound =
        CompletableFuture.supplyAsync(() -> switched(target("team-a", "slow")));
    assertThat(firstRestartStarted.await(10, TimeUnit.SECONDS)).isTrue();
    BackendTarget quick = target("team-a", "quick");
    // rotate --revoke-previous: the Secret keeps no previous token, and the switch's time has
    // the clock's fractions of a second, which the Secret's record has not.
    Instant switchedAt = SWITCHED_AT.plusMillis(123);
    ReconcileReport report = new ReconcileReport();
    check.afterSwitch(quick, switchedAt, TokenSecretState.currentOnly(), report, NOW);
    releaseFirstRestart.countDown();
    slowRound.get(10, TimeUnit.SECONDS);

    ReconcileReport later = new ReconcileReport();
    check.sendRoundPutOff(quick, TokenSecretState.currentOnly(), later, NOW.plusSeconds(60));

    assertThat(sent)
        .extracting(request -> request.workload().name())
        .containsExactly("slow-token-app", "quick-token-app");
    assertThat(reasons(later)).containsExactly("ConsumersRestarted");
    ReconcileReport again = new ReconcileReport();
    // A day on, the guard against claimed switches no longer holds it back.
    check.resumeRestarts(
        quick, pendingSecret(quick), seen(quick), again, NOW.plus(Duration.ofHours(25)));
    assertThat(sent)
        .as("sent once: the Secret's whole-second record names the same switch")
        .hasSize(2);
  }

  @Test
  void aRoundPutOffWhosePodsAreGoneIsForgottenNotLookedForEveryMinute() throws Exception {
    CompletableFuture<ReconcileReport> slowRound =
        CompletableFuture.supplyAsync(() -> switched(target("team-a", "slow")));
    assertThat(firstRestartStarted.await(10, TimeUnit.SECONDS)).isTrue();
    BackendTarget quick = target("team-a", "quick");
    switched(quick);
    releaseFirstRestart.countDown();
    slowRound.get(10, TimeUnit.SECONDS);
    podsGone = true;

    check.sendRoundPutOff(quick, state(), new ReconcileReport(), NOW.plusSeconds(60));

    assertThat(check.roundPutOff(quick.key())).isFalse();
    assertThat(sent)
        .extracting(request -> request.workload().name())
        .containsExactly("slow-token-app");
  }

  @Test
  void aDeletedBackendLeavesNothingBehindSoItsNameCanBeReusedAtOnce() {
    BackendTarget quick = target("team-a", "quick");
    switched(quick);
    check.forget(quick.key());
    sent.clear();

    ReconcileReport resumed = new ReconcileReport();
    check.resumeRestarts(quick, pendingSecret(quick), seen(quick), resumed, NOW.plusSeconds(60));

    assertThat(sent).as("no round remembered for the deleted backend's name").hasSize(1);
    assertThat(reasons(resumed)).containsExactly("ConsumersRestartResumed");
  }

  private ReconcileReport switched(BackendTarget target) {
    ReconcileReport report = new ReconcileReport();
    check.afterSwitch(target, SWITCHED_AT, state(), report, NOW);
    return report;
  }

  private ConsumersSeen seen(BackendTarget target) {
    return new ConsumersSeen(
        consumers.find(target.namespace(), target.tokenSecretRef().getName(), "token"),
        SWITCHED_AT,
        state().predecessors(),
        Optional.empty());
  }

  private static TokenSecretState state() {
    return new TokenSecretState(
        false,
        List.of(
            new TokenSecretState.Predecessor(
                PreviousSlot.NEWEST,
                Optional.of(SWITCHED_AT.plusSeconds(120)),
                Optional.of(SWITCHED_AT))),
        Optional.of(SWITCHED_AT),
        Optional.of(SWITCHED_AT.plus(Duration.ofDays(1))));
  }

  private static TokenSecret pendingSecret(BackendTarget target) {
    return new TokenSecret(
        target.namespace(),
        target.tokenSecretRef().getName(),
        TokenSecretBinding.TYPE,
        "1",
        Map.of(),
        Map.of(
            TokenSecretKeys.CONSUMERS_RESTART_FOR_ANNOTATION, Rfc3339.format(SWITCHED_AT),
            TokenSecretKeys.ROTATED_AT_ANNOTATION, Rfc3339.format(SWITCHED_AT)),
        Map.of());
  }

  private static BackendTarget target(String namespace, String name) {
    return new BackendTarget(
        namespace,
        name,
        new SecretKeyRef(name + "-token", "token"),
        "http://127.0.0.1:8200",
        TokenSecretBinding.TLS_SYSTEM,
        "secret",
        "mcpctl",
        Optional.of(
            new RotationSettings(
                "mcpctl-" + namespace + "." + name + "-rotator",
                Duration.ofHours(24),
                Duration.ofMinutes(10),
                Duration.ofMinutes(2),
                new ConsumerPolicy(true, Duration.ofHours(1)))),
        OpenBaoClient.connect(OpenBaoConnection.of("http://127.0.0.1:8200")));
  }

  private static List<String> reasons(ReconcileReport report) {
    return report.events().stream().map(ReconcileReport.Event::reason).toList();
  }
}
