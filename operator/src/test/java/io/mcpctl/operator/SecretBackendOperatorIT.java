package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.sandbox.openbao.RequestRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/** One operator against the embedded API and the OpenBao stand-in, as a cluster would run it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretBackendOperatorIT {

  private static final Set<String> TOKENS_SEEN = ConcurrentHashMap.newKeySet();
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

  private static KubernetesFixture kubernetes;
  private static OpenBaoFixture bao;
  private static RunningOperator operator;

  @BeforeAll
  static void start() {
    LOGS.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
    kubernetes = new KubernetesFixture();
    bao = new OpenBaoFixture(Clock.systemUTC());
    operator = RunningOperator.start(kubernetes, "--leader-election=false");
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    operator.close();
    bao.close();
    kubernetes.close();
  }

  @Test
  void theOperatorRunsAsTheChartsServiceAccountWithNothingMoreThanItsRbac() {
    // Asked as kubectl auth can-i asks, so that no denied request lands in the API's record,
    // which fails the operator's close().
    assertThat(operator.user()).isEqualTo("system:serviceaccount:mcpctl-system:mcpctl-operator");
    assertThat(mayOperator("list", "", "secrets", "")).isFalse();
    assertThat(mayOperator("create", "mcpctl.io", "secretbackends", "")).isFalse();
    assertThat(mayOperator("update", "mcpctl.io", "secretbackends", "status")).isTrue();
    assertThat(mayOperator("patch", "mcpctl.io", "secretbackends", "status")).isFalse();
  }

  private static boolean mayOperator(
      String verb, String group, String resource, String subresource) {
    return operator
        .client()
        .authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(
            new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withNewResourceAttributes()
                .withVerb(verb)
                .withGroup(group)
                .withResource(resource)
                .withSubresource(subresource)
                .withNamespace("default")
                .endResourceAttributes()
                .endSpec()
                .build())
        .getStatus()
        .getAllowed();
  }

  @Test
  @Order(1)
  void aNewBackendIsRotatedAtOnceAndThenOnSchedule() {
    String namespace = "created";
    IssuedToken first = provision(namespace, "bao", "5s");

    SecretBackend rotated = awaitRotations(namespace, "bao", 1);
    TokenMeta meta = rotated.getStatus().getTokenMeta();
    assertThat(ready(rotated).getReason()).isEqualTo(ReadyReasons.TOKEN_VALID);
    assertThat(meta.getRotatable()).isTrue();
    assertThat(meta.getPolicies()).contains("mcpctl-created.bao");
    assertThat(meta.getPeriod()).isEqualTo("720h");
    assertThat(meta.getConsecutiveFailures()).isZero();
    assertThat(rotated.getStatus().getObservedGeneration())
        .isEqualTo(rotated.getMetadata().getGeneration());
    assertThat(token(namespace, "bao")).isNotEqualTo(first.clientToken().reveal());

    awaitRotations(namespace, "bao", 2);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(bao.isLive(first.clientToken())).isFalse());
    assertThat(bao.liveTokensOf("bao").size()).isBetween(1, 2);
    assertThat(events(namespace)).contains("Rotated");
    for (String operation : List.of("mint", "lookup_self", "kv_write", "revoke_self")) {
      assertThat(openBaoRequests(operation, "ok"))
          .as("OpenBao requests of operation %s in the metrics", operation)
          .isGreaterThanOrEqualTo(1);
    }

    // A backend rotating every few seconds would disturb the request counts of later tests.
    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .withName("bao")
        .delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> kubernetes.get(namespace, "bao") == null);
  }

  @Test
  @Order(2)
  void anIdleReconcileMakesNoOpenBaoRequestAndNoApiWrite() {
    String namespace = "idle";
    provision(namespace, "quiet", "24h");
    awaitRotations(namespace, "quiet", 1);
    awaitSettled(namespace, "quiet");
    bao.clearRequests();
    long writes = operator.apiWrites();
    long reconciles = operator.reconciles();

    for (int poke = 1; poke <= 3; poke++) {
      String value = Integer.toString(poke);
      editBackend(
          namespace,
          "quiet",
          backend -> {
            backend.getMetadata().getAnnotations().put("example.com/poke", value);
            return backend;
          });
      long expected = reconciles + poke;
      await().atMost(Duration.ofSeconds(10)).until(() -> operator.reconciles() >= expected);
    }

    assertThat(operator.reconciles() - reconciles)
        .as("reconciles counted")
        .isGreaterThanOrEqualTo(3);
    assertThat(bao.requests()).as("OpenBao requests of idle reconciles").isEmpty();
    assertThat(operator.apiWrites() - writes).as("API writes of idle reconciles").isZero();
  }

  @Test
  @Order(3)
  void theRotateAnnotationRotatesExactlyOnce() {
    String namespace = "manual";
    provision(namespace, "asked", "24h");
    awaitRotations(namespace, "asked", 1);
    awaitSettled(namespace, "asked");
    String request = "2030-01-01T00:00:00Z";
    bao.clearRequests();
    long writesBefore = operator.apiWrites();
    long readsBefore = operator.metrics().apiRequests("GET");
    Map<String, Long> byMethodBefore = writesByMethod();

    kubernetes.requestRotation(namespace, "asked", request);

    awaitHandled(namespace, "asked", request);
    awaitSettled(namespace, "asked");
    long reconciles = operator.reconciles();
    editBackend(
        namespace,
        "asked",
        backend -> {
          backend.getMetadata().getAnnotations().put("example.com/poke", "again");
          return backend;
        });
    await().atMost(Duration.ofSeconds(10)).until(() -> operator.reconciles() > reconciles);
    List<String> calls = bao.calls();
    long writes = operator.apiWrites() - writesBefore;
    long reads = operator.metrics().apiRequests("GET") - readsBefore;
    Map<String, Long> byMethod = writesByMethod();
    byMethod.replaceAll((method, count) -> count - byMethodBefore.get(method));
    System.out.printf(
        "Measured for one rotation (rotate annotation to settled): %d OpenBao calls %s; %d API writes %s; %d API reads%n",
        calls.size(), calls, writes, byMethod, reads);
    assertThat(calls)
        .containsExactly(
            "POST /v1/auth/token/create/mcpctl-manual.asked-rotator",
            "POST /v1/auth/token/renew-self",
            "POST /v1/secret/data/mcpctl/asked/manual/.mcpctl-healthcheck",
            "GET /v1/secret/data/mcpctl/asked/manual/.mcpctl-healthcheck",
            "GET /v1/auth/token/lookup-self",
            "GET /v1/auth/token/lookup-self",
            "POST /v1/auth/token/revoke-self");
    // The Secret: the mint recorded, the successor staged, the switch, the predecessor cleared;
    // and the status, once.
    assertThat(byMethod).containsEntry("PUT", 5L).containsEntry("DELETE", 0L);
    // The Rotated event: a new one (POST) or, when its message repeats the first rotation's word
    // for word (both due at the same second), the count of that one raised (PATCH), as
    // client-go's recorder does. Either way the event counts show two rotations.
    assertThat(byMethod.get("PATCH") + byMethod.get("POST")).isEqualTo(1L);
    assertThat(rotatedEventCount(namespace, "asked")).isEqualTo(2);
    assertThat(mints("asked"))
        .as("rotations after the annotation and a later reconcile")
        .hasSize(1);
    assertThat(reads)
        .as(
            "one Secret read for each of the three reconciles (rotation, grace end, the poke) and"
                + " one namespaced pod list at the switch and at the grace end, for the token's"
                + " consumers: none of what the operator wrote itself, none for its own status"
                + " write")
        .isEqualTo(5);
  }

  @Test
  @Order(4)
  void deletingABackendRevokesItsTokensAndRemovesItsSecret() {
    String namespace = "deleted";
    IssuedToken first = provision(namespace, "gone", "24h");
    awaitRotations(namespace, "gone", 1);
    String current = token(namespace, "gone");
    String consumersSeries =
        "mcpctl_secretbackend_consumers_on_previous_token{name=\"gone\",namespace=\"deleted\"}";
    assertThat(operator.sample(consumersSeries)).as("looked at the pods at the switch").hasValue(0);

    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .withName("gone")
        .delete();

    await().atMost(Duration.ofSeconds(20)).until(() -> kubernetes.get(namespace, "gone") == null);
    assertThat(bao.liveTokensOf("gone")).isEmpty();
    assertThat(bao.isLive(first.clientToken())).isFalse();
    assertThat(bao.isLive(io.mcpctl.openbao.VaultToken.of(current))).isFalse();
    assertThat(kubernetes.secret(namespace, "gone-token")).isNull();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(operator.sample(consumersSeries))
                    .as("a deleted backend's series are dropped")
                    .isEmpty());
  }

  @Test
  @Order(4)
  void aBackendDeletedWithoutItsFinalizerLeavesNoSeriesBehind() {
    String namespace = "stripped";
    provision(namespace, "bypassed", "24h");
    awaitRotations(namespace, "bypassed", 1);
    String healthSeries =
        "mcpctl_secretbackend_health{name=\"bypassed\",namespace=\"stripped\",state=\"healthy\"}";
    assertThat(operator.sample(healthSeries)).hasValue(1);

    // Whoever may patch a backend (rotate needs it) may remove the finalizer and then delete it:
    // the operator's cleanup never runs.
    editBackend(
        namespace,
        "bypassed",
        backend -> {
          backend.getMetadata().setFinalizers(List.of());
          return backend;
        });
    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .withName("bypassed")
        .delete();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(operator.scrape())
                    .as("no series of the deleted backend, which would keep its alerts firing")
                    .doesNotContain("name=\"bypassed\""));
  }

  @Test
  @Order(5)
  void aStaticTokenIsCheckedAndAKubernetesBackendIsReady() {
    String namespace = "others";
    kubernetes.createNamespace(namespace);
    IssuedToken staticToken = bao.provision(namespace, "fixed");
    TOKENS_SEEN.add(staticToken.clientToken().reveal());
    int mintsByTheWizard = mints("fixed").size();
    kubernetes.createTokenSecret(namespace, "fixed", bao.address(), staticToken);
    kubernetes.create(
        KubernetesFixture.openbaoBackend(
            namespace,
            "fixed",
            bao.standIn().address().toString(),
            OpenBaoFixture.MOUNT,
            bao.access("fixed").pathPrefix()));
    SecretBackend plain = new SecretBackend();
    plain.getMetadata().setNamespace(namespace);
    plain.getMetadata().setName("plain");
    plain.setSpec(new io.mcpctl.api.v1alpha1.SecretBackendSpec());
    plain.getSpec().setType("kubernetes");
    kubernetes.create(plain);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              SecretBackend fixed = kubernetes.get(namespace, "fixed");
              assertThat(ready(fixed).getReason()).isEqualTo(ReadyReasons.TOKEN_VALID);
              assertThat(fixed.getStatus().getTokenMeta().getRotatable()).isFalse();
              assertThat(fixed.getStatus().getTokenMeta().getExpiresAt()).isNotNull();
              assertThat(ready(kubernetes.get(namespace, "plain")).getReason())
                  .isEqualTo(ReadyReasons.KUBERNETES_STORE);
            });
    assertThat(mints("fixed")).hasSize(mintsByTheWizard);
    assertThat(token(namespace, "fixed")).isEqualTo(staticToken.clientToken().reveal());
  }

  @Test
  @Order(6)
  void aSpecTheSchemaLetThroughIsReportedAsInvalidSpecNamingTheField() {
    String namespace = "invalid";
    kubernetes.createNamespace(namespace);
    SecretBackend backend =
        KubernetesFixture.rotatingBackend(
            namespace,
            "odd",
            bao.standIn().address().toString(),
            OpenBaoFixture.MOUNT,
            "mcpctl/odd",
            "mcpctl-odd-rotator",
            "10m");
    backend.getSpec().getOpenbao().getAuth().getRotation().setJitter("6m");
    kubernetes.create(backend);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Condition ready = ready(kubernetes.get(namespace, "odd"));
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo(ReadyReasons.INVALID_SPEC);
              assertThat(ready.getMessage()).contains("spec.openbao.auth.rotation.jitter");
            });
    assertThat(events(namespace)).contains("InvalidSpec");
  }

  /**
   * The status of a rotation is put at the version the reconcile started from; an edit of the
   * backend during the rotation makes that version stale, and the status still lands, on the edited
   * version, without a failed reconcile.
   */
  @Test
  @Order(7)
  void aRotationsStatusLandsOnABackendEditedWhileItRotated() {
    String namespace = "edited";
    provision(namespace, "busy", "24h");
    awaitRotations(namespace, "busy", 1);
    awaitSettled(namespace, "busy");
    String slowMint =
        bao.standIn()
            .faults()
            .add(Fault.on("POST", "auth/token/create/.*").delay(Duration.ofMillis(1500)).build());
    int warningsBefore = warnings().size();
    String request = "2030-02-01T00:00:00Z";
    try {
      kubernetes.requestRotation(namespace, "busy", request);
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> operator.sample("mcpctl_rotation_limiter_in_flight").orElse(0) >= 1);
      editBackend(
          namespace,
          "busy",
          backend -> {
            Map<String, String> labels = new java.util.HashMap<>();
            if (backend.getMetadata().getLabels() != null) {
              labels.putAll(backend.getMetadata().getLabels());
            }
            labels.put("team", "payments");
            backend.getMetadata().setLabels(labels);
            return backend;
          });

      awaitHandled(namespace, "busy", request);
    } finally {
      bao.standIn().faults().remove(slowMint);
    }
    SecretBackend after = kubernetes.get(namespace, "busy");
    assertThat(after.getMetadata().getLabels()).containsEntry("team", "payments");
    assertThat(rotatedEventCount(namespace, "busy")).isEqualTo(2);
    assertThat(warnings().subList(warningsBefore, warnings().size()))
        .as("warnings logged while the status met the edited version")
        .isEmpty();
  }

  private static void editBackend(
      String namespace, String name, java.util.function.UnaryOperator<SecretBackend> edit) {
    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .withName(name)
        .edit(edit);
  }

  private static void awaitHandled(String namespace, String name, String request) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        kubernetes
                            .get(namespace, name)
                            .getStatus()
                            .getTokenMeta()
                            .getHandledRotateRequest())
                    .isEqualTo(request));
  }

  private static List<String> warnings() {
    return LOGS.list.stream()
        .filter(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  @Order(8)
  void noTokenReachesLogsEventsStatusOrMetrics() {
    assertThat(TOKENS_SEEN).hasSizeGreaterThan(5);
    String logs =
        LOGS.list.stream()
            .map(ILoggingEvent::getFormattedMessage)
            .reduce("", (a, b) -> a + "\n" + b);
    String events =
        kubernetes.client().v1().events().inAnyNamespace().list().getItems().stream()
            .map(event -> event.getReason() + " " + event.getMessage())
            .reduce("", (a, b) -> a + "\n" + b);
    String statuses =
        kubernetes
            .client()
            .resources(SecretBackend.class)
            .inAnyNamespace()
            .list()
            .getItems()
            .stream()
            .map(
                backend ->
                    io.fabric8.kubernetes.client.utils.Serialization.asYaml(backend.getStatus()))
            .reduce("", (a, b) -> a + "\n" + b);
    String metrics = operator.scrape();
    assertThat(metrics)
        .contains(
            "mcpctl_secretbackend_rotations_total{result=\"success\"}",
            "mcpctl_secretbackend_token_expiration_timestamp_seconds{name=\"asked\",namespace=\"manual\"}",
            "mcpctl_secretbackend_last_rotation_timestamp_seconds{name=\"asked\",namespace=\"manual\"}",
            "mcpctl_secretbackend_health{name=\"asked\",namespace=\"manual\",state=\"healthy\"} 1.0",
            "mcpctl_secretbackend_reconcile_duration_seconds_count");
    assertThat(logs).contains("Rotated");
    assertThat(events).contains("Rotated");
    for (String token : TOKENS_SEEN) {
      assertThat(logs).doesNotContain(token);
      assertThat(events).doesNotContain(token);
      assertThat(statuses).doesNotContain(token);
      assertThat(metrics).doesNotContain(token);
    }
  }

  private static Map<String, Long> writesByMethod() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
      counts.put(method, operator.metrics().apiRequests(method));
    }
    return counts;
  }

  /** Requests to OpenBao the operator's metrics counted, by operation and outcome. */
  private static double openBaoRequests(String operation, String outcome) {
    return operator
        .sample(
            "mcpctl_openbao_request_duration_seconds_count{operation=\""
                + operation
                + "\",outcome=\""
                + outcome
                + "\"}")
        .orElse(0);
  }

  private void awaitSettled(String namespace, String name) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Map<String, String> data = kubernetes.secret(namespace, name + "-token").getData();
              assertThat(data).doesNotContainKeys("previous-token", "next-token");
              SecretBackend backend = kubernetes.get(namespace, name);
              assertThat(ready(backend).getReason()).isEqualTo(ReadyReasons.TOKEN_VALID);
            });
    remember(namespace, name);
  }

  private static void remember(String namespace, String name) {
    io.fabric8.kubernetes.api.model.Secret secret = kubernetes.secret(namespace, name + "-token");
    if (secret != null) {
      secret
          .getData()
          .forEach(
              (key, value) -> {
                if (key.endsWith("token")) {
                  TOKENS_SEEN.add(new String(Base64.getDecoder().decode(value)));
                }
              });
    }
  }

  private static int rotatedEventCount(String namespace, String name) {
    return kubernetes.client().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> "Rotated".equals(event.getReason()))
        .filter(event -> name.equals(event.getInvolvedObject().getName()))
        .mapToInt(event -> event.getCount() == null ? 1 : event.getCount())
        .sum();
  }

  private static List<String> events(String namespace) {
    return kubernetes.client().v1().events().inNamespace(namespace).list().getItems().stream()
        .map(io.fabric8.kubernetes.api.model.Event::getReason)
        .toList();
  }

  private IssuedToken provision(String namespace, String name, String interval) {
    IssuedToken first = bao.provision(namespace, name);
    TOKENS_SEEN.add(first.clientToken().reveal());
    kubernetes.createNamespace(namespace);
    kubernetes.createRotating(bao, namespace, name, first, interval);
    return first;
  }

  private SecretBackend awaitRotations(String namespace, String name, int rotations) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(mints(name)).hasSizeGreaterThanOrEqualTo(rotations));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              SecretBackend backend = kubernetes.get(namespace, name);
              assertThat(backend.getStatus()).isNotNull();
              assertThat(backend.getStatus().getTokenMeta().getLastRotationAt()).isNotNull();
              assertThat(ready(backend).getStatus()).isEqualTo("True");
            });
    remember(namespace, name);
    return kubernetes.get(namespace, name);
  }

  private List<RequestRecord> mints(String name) {
    return bao.requests().stream()
        .filter(
            record -> record.path().equals("/v1/auth/token/create/" + bao.access(name).roleName()))
        .toList();
  }

  private static String token(String namespace, String name) {
    Map<String, String> data = kubernetes.secret(namespace, name + "-token").getData();
    return new String(Base64.getDecoder().decode(data.get("token")));
  }

  private static Condition ready(SecretBackend backend) {
    assertThat(backend).as("the backend").isNotNull();
    assertThat(backend.getStatus())
        .as("the status of " + backend.getMetadata().getName())
        .isNotNull();
    return backend.getStatus().getConditions().stream()
        .filter(condition -> condition.getType().equals(ReadyReasons.CONDITION_TYPE))
        .findFirst()
        .orElseThrow();
  }
}
