package io.mcpctl.cli.describe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.cli.backend.BackendObjects.OpenBaoTarget;
import io.mcpctl.cli.backend.BackendObjects.Rotation;
import io.mcpctl.cli.common.Renderers;
import io.mcpctl.consumer.PodConsumers;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** describe = fetch → model → render; here the model and the rendering, with a fixed clock. */
class DescribeRenderingTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final DescriptionBuilder BUILDER =
      new DescriptionBuilder(new TokenHealthEvaluator());

  @Test
  void aHealthyRotatedBackendShowsEveryFieldWithRelativeTimes() {
    SecretBackend backend =
        rotated(meta -> {}, ready("True", ReadyReasons.TOKEN_VALID, "The token works."));
    List<Event> events =
        List.of(
            event(
                "Rotated",
                "Normal",
                "Rotated the token; the previous one is revoked after 2m.",
                ago(Duration.ofHours(3)),
                1),
            event(
                "TokenExpiringSoon",
                "Warning",
                "other backend",
                ago(Duration.ofHours(1)),
                1,
                "other"));

    String text = render(backend, List.of(), events);

    assertThat(text)
        .isEqualTo(
            """
            Name:                   bao
            Namespace:              team-a
            Type:                   openbao
            Default:                yes
            Address:                https://bao.example.com:8200
            KV mount:               secret/ (path prefix mcpctl)
            Token Secret:           bao-token (key token)
            TLS:                    system trust store
            Rotation:               every 24h ± 10m with role mcpctl-bao-rotator; previous token revoked after 2m
            Ready:                  True, TokenValid since 2025-06-01T09:00:00Z (3h ago)
              Message:              The token works.
            Token health:           HEALTHY
              Reason:               The token works; the next rotation is due at 2025-06-02T09:00:00Z.
              Generated:            2025-06-01T09:00:00Z (3h ago)
              Last rotation:        2025-06-01T09:00:00Z (3h ago)
              Next rotation:        2025-06-02T09:00:00Z (in 21h)
              Expires:              2025-07-01T09:00:00Z (in 29d)
              Last recorded check:  2025-06-01T11:50:00Z (10m ago)
              Renewable:            yes
              Period:               720h
              Policies:             default, mcpctl-bao
              Last error:           <none>
              Consecutive failures: 0
            Consumers:              <none>
            Events:
              TYPE     REASON    AGE   MESSAGE
              Normal   Rotated   3h    Rotated the token; the previous one is revoked after 2m.
            """);
  }

  static Stream<Arguments> healthStates() {
    return Stream.of(
        Arguments.of(
            "overdue rotation is STALE",
            rotated(meta -> meta.setNextRotationAt(at(ago(Duration.ofHours(2)))), valid()),
            "STALE",
            "The next rotation is overdue by 2h; check that the operator is running."),
        Arguments.of(
            "a failed rotation is WARNING with the error",
            rotated(
                meta -> {
                  meta.setLastRotationError(
                      "OpenBao denied POST auth/token/create/mcpctl-bao-rotator");
                  meta.setLastRotationErrorAt(at(ago(Duration.ofMinutes(5))));
                  meta.setConsecutiveFailures(3);
                },
                valid()),
            "WARNING",
            "Last error:           OpenBao denied POST auth/token/create/mcpctl-bao-rotator"
                + " (2025-06-01T11:55:00Z (5m ago))"),
        Arguments.of(
            "expiry inside the warning window is WARNING",
            rotated(meta -> meta.setExpiresAt(at(NOW.plus(Duration.ofDays(3)))), valid()),
            "WARNING",
            "Expires:              2025-06-04T12:00:00Z (in 3d)"),
        Arguments.of(
            "an expired token is ERROR",
            rotated(meta -> meta.setExpiresAt(at(ago(Duration.ofHours(1)))), valid()),
            "ERROR",
            "Reason:               The token expired at 2025-06-01T11:00:00Z."),
        Arguments.of(
            "a rejected token is ERROR",
            rotated(meta -> {}, ready("False", ReadyReasons.TOKEN_REJECTED, "permission denied")),
            "ERROR",
            "Ready:                  False, TokenRejected since"),
        Arguments.of(
            "a missing Secret is ERROR",
            rotated(
                meta -> {},
                ready("False", ReadyReasons.SECRET_MISSING, "Secret bao-token not found")),
            "ERROR",
            "Reason:               The token Secret is missing: Secret bao-token not found."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthStates")
  void everyHealthStateIsComputedNowAndRendered(
      String caseName, SecretBackend backend, String health, String expectedLine) {
    String text = render(backend, List.of(), List.of());

    assertThat(text).contains("Token health:           " + health + "\n").contains(expectedLine);
  }

  @Test
  void theFailureCountAndErrorTimeAreShownForAFailingRotation() {
    SecretBackend backend =
        rotated(
            meta -> {
              meta.setLastRotationError("mint failed");
              meta.setLastRotationErrorAt(at(ago(Duration.ofMinutes(5))));
              meta.setConsecutiveFailures(3);
            },
            valid());

    assertThat(render(backend, List.of(), List.of()))
        .contains(
            "Reason:               The last rotation failed (3 failures in a row), the current token still works: mint failed")
        .contains("Consecutive failures: 3");
  }

  @Test
  void aStaticTokenHasNoHealthSectionOnlyValidityAndExpiry() {
    SecretBackend backend =
        withStatus(
            BackendObjects.backend(
                "team-a",
                "bao",
                BackendObjects.openBaoSpec(
                    new BackendNames("bao"),
                    new OpenBaoTarget(
                        "https://bao.example.com:8200", "secret", "mcpctl", false, false),
                    Optional.empty(),
                    false)),
            meta -> {
              meta.setRotatable(false);
              meta.setExpiresAt(at(NOW.plus(Duration.ofDays(20))));
              meta.setLastCheckedAt(at(ago(Duration.ofMinutes(30))));
              meta.setPolicies(List.of("default", "static"));
            },
            valid());

    String text = render(backend, List.of(), List.of());

    assertThat(text)
        .doesNotContain("Token health")
        .doesNotContain("Consumers")
        .contains("Rotation:               off (static token)\n")
        .contains("Token:                  static (checked, never rotated)\n")
        .contains("  Expires:              2025-06-21T12:00:00Z (in 20d)\n")
        .contains("  Policies:             default, static\n");
  }

  @Test
  void aKubernetesBackendShowsNoOpenBaoPart() {
    SecretBackend backend =
        withStatus(
            BackendObjects.backend("team-a", "plain", BackendObjects.kubernetesSpec(false)),
            meta -> {},
            ready("True", ReadyReasons.KUBERNETES_STORE, null));
    backend.getStatus().setTokenMeta(null);

    assertThat(render(backend, List.of(), List.of()))
        .isEqualTo(
            """
            Name:                   plain
            Namespace:              team-a
            Type:                   kubernetes
            Default:                no
            Ready:                  True, KubernetesStore since 2025-06-01T09:00:00Z (3h ago)
            Events:                 <none>
            """);
  }

  @Test
  void textFromTheClusterIsPrintedWithoutTheTerminalsControlCharacters() {
    // A message and an event as whoever may write them chose: an OSC 52 sequence that writes the
    // terminal's clipboard, a forged line and a bidirectional override.
    SecretBackend backend =
        withStatus(
            BackendObjects.backend("team-a", "plain", BackendObjects.kubernetesSpec(false)),
            meta -> {},
            ready("False", ReadyReasons.INVALID_SPEC, "bad\u001b]52;c;cm0gLXJmIH4=\u0007spec"));
    backend.getStatus().setTokenMeta(null);
    List<Event> events =
        List.of(
            event(
                "InvalidSpec",
                "Warning",
                "first\nReady:                  True\u202e",
                ago(Duration.ofHours(1)),
                1,
                "plain"));

    String text = render(backend, List.of(), events);

    assertThat(text).doesNotContainPattern("[\\p{Cc}&&[^\\n]]|\\p{Cf}");
    assertThat(text)
        .contains("bad?]52;c;cm0gLXJmIH4=?spec")
        .contains("first?Ready:                  True?");
    assertThat(text.lines().filter(line -> line.startsWith("Ready:")).toList())
        .as("no line forged")
        .hasSize(1);
  }

  @Test
  void everyPodThatReadsTheTokenIsListedWithTheTokenItHolds() {
    SecretBackend backend = rotated(meta -> {}, valid());
    Instant lastSwitch = ago(Duration.ofHours(3));
    List<Pod> pods =
        List.of(
            pod("web-1", "app", lastSwitch.minus(Duration.ofDays(2)), true, false),
            pod("web-2", "app", lastSwitch.plus(Duration.ofMinutes(1)), true, false),
            pod("batch-1", "job", lastSwitch.minus(Duration.ofHours(1)), false, true),
            pod("other-1", "app", lastSwitch.minus(Duration.ofDays(1)), false, false));

    String text = render(backend, pods, List.of());

    assertThat(text)
        .contains(
            """
            Consumers (pods that read the token Secret; 2 still hold the previous token: restart them):
              POD       CONTAINER   READS BY   WORKLOAD          TOKEN      STARTED
              web-1     app         env        none (bare pod)   previous   2025-05-30T09:00:00Z (2d3h ago)
              web-2     app         env        none (bare pod)   current    2025-06-01T09:01:00Z (179m ago)
              batch-1   job         env        none (bare pod)   previous   2025-06-01T08:00:00Z (4h ago)
            """);
  }

  @Test
  void outputJsonParsesAndCarriesTheComputedHealth() throws Exception {
    SecretBackend backend =
        rotated(meta -> meta.setNextRotationAt(at(ago(Duration.ofHours(2)))), valid());
    SecretBackendDescription description =
        BUILDER.build(backend, Optional.of(List.of()), List.of(), NOW);

    JsonNode json = new ObjectMapper().readTree(Renderers.json(description));
    JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(Renderers.yaml(description));

    for (JsonNode parsed : List.of(json, yaml)) {
      assertThat(parsed.path("name").asText()).isEqualTo("bao");
      assertThat(parsed.path("default").asBoolean()).isTrue();
      assertThat(parsed.has("isDefault")).isFalse();
      assertThat(parsed.path("tokenHealth").path("health").asText()).isEqualTo("STALE");
      assertThat(parsed.path("tokenHealth").path("policies").toString())
          .isEqualTo("[\"default\",\"mcpctl-bao\"]");
      assertThat(parsed.path("openbao").path("rotation").path("tokenRole").asText())
          .isEqualTo("mcpctl-bao-rotator");
      assertThat(parsed.path("evaluatedAt").asText()).isEqualTo("2025-06-01T12:00:00Z");
    }
  }

  private static String render(SecretBackend backend, List<Pod> pods, List<Event> events) {
    if (backend.getSpec().getOpenbao() == null) {
      return DescriptionText.render(
          BUILDER.build(backend, Optional.of(List.of()), events, NOW), NOW);
    }
    SecretKeyRef tokenRef = backend.getSpec().getOpenbao().getAuth().getTokenSecretRef();
    List<TokenConsumer> consumers =
        pods.stream()
            .flatMap(
                pod ->
                    PodConsumers.of(
                        Serialization.jsonMapper().convertValue(pod, Map.class),
                        tokenRef.getName(),
                        tokenRef.getKey(),
                        unused -> Optional.empty())
                        .stream())
            .toList();
    return DescriptionText.render(BUILDER.build(backend, Optional.of(consumers), events, NOW), NOW);
  }

  /** A wizard-made backend three hours after its last rotation, adjusted by {@code change}. */
  private static SecretBackend rotated(Consumer<TokenMeta> change, Condition ready) {
    SecretBackend backend =
        BackendObjects.backend(
            "team-a",
            "bao",
            BackendObjects.openBaoSpec(
                new BackendNames("bao"),
                new OpenBaoTarget("https://bao.example.com:8200", "secret", "mcpctl", false, false),
                Optional.of(new Rotation("mcpctl-bao-rotator", "24h", "10m", "2m")),
                true));
    return withStatus(
        backend,
        meta -> {
          meta.setRotatable(true);
          meta.setGeneratedAt(at(ago(Duration.ofHours(3))));
          meta.setLastRotationAt(at(ago(Duration.ofHours(3))));
          meta.setNextRotationAt(at(NOW.plus(Duration.ofHours(21))));
          meta.setExpiresAt(at(NOW.plus(Duration.ofDays(30)).minus(Duration.ofHours(3))));
          meta.setLastCheckedAt(at(ago(Duration.ofMinutes(10))));
          meta.setRenewable(true);
          meta.setPeriod("720h");
          meta.setPolicies(List.of("default", "mcpctl-bao"));
          meta.setConsecutiveFailures(0);
          change.accept(meta);
        },
        ready);
  }

  private static SecretBackend withStatus(
      SecretBackend backend, Consumer<TokenMeta> meta, Condition ready) {
    backend.getMetadata().setCreationTimestamp(at(ago(Duration.ofDays(10))));
    TokenMeta tokenMeta = new TokenMeta();
    meta.accept(tokenMeta);
    SecretBackendStatus status = new SecretBackendStatus();
    status.setTokenMeta(tokenMeta);
    status.setConditions(List.of(ready));
    backend.setStatus(status);
    return backend;
  }

  private static Condition valid() {
    return ready("True", ReadyReasons.TOKEN_VALID, null);
  }

  private static Condition ready(String status, String reason, String message) {
    return new ConditionBuilder()
        .withType(ReadyReasons.CONDITION_TYPE)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(at(ago(Duration.ofHours(3))))
        .build();
  }

  private static Pod pod(
      String name, String container, Instant started, boolean env, boolean envFrom) {
    PodBuilder pod =
        new PodBuilder()
            .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").build());
    var spec = pod.withNewSpec().addNewContainer().withName(container).withImage("example");
    if (env) {
      spec =
          spec.addNewEnv()
              .withName("BAO_TOKEN")
              .withNewValueFrom()
              .withNewSecretKeyRef()
              .withName("bao-token")
              .withKey("token")
              .endSecretKeyRef()
              .endValueFrom()
              .endEnv();
    }
    if (envFrom) {
      spec =
          spec.addNewEnvFrom().withNewSecretRef().withName("bao-token").endSecretRef().endEnvFrom();
    }
    if (!env && !envFrom) {
      spec =
          spec.addNewEnv()
              .withName("OTHER")
              .withNewValueFrom()
              .withNewSecretKeyRef()
              .withName("other-secret")
              .withKey("token")
              .endSecretKeyRef()
              .endValueFrom()
              .endEnv();
    }
    return spec.endContainer()
        .endSpec()
        .withNewStatus()
        .withStartTime(at(started.minusSeconds(5)))
        .addNewContainerStatus()
        .withName(container)
        .withNewState()
        .withNewRunning()
        .withStartedAt(at(started))
        .endRunning()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  private static Event event(String reason, String type, String message, Instant last, int count) {
    return event(reason, type, message, last, count, "bao");
  }

  private static Event event(
      String reason, String type, String message, Instant last, int count, String backend) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(backend + "." + reason)
        .withNamespace("team-a")
        .endMetadata()
        .withNewInvolvedObject()
        .withKind("SecretBackend")
        .withName(backend)
        .withNamespace("team-a")
        .endInvolvedObject()
        .withReason(reason)
        .withType(type)
        .withMessage(message)
        .withCount(count)
        .withLastTimestamp(at(last))
        .build();
  }

  private static Instant ago(Duration duration) {
    return NOW.minus(duration);
  }

  private static String at(Instant instant) {
    return Rfc3339.format(instant);
  }
}
