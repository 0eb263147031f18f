package io.mcpctl.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.operator.SecretBackendOperator;
import io.mcpctl.operator.runtime.OperatorMetrics;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.sandbox.kube.Kubectl;
import io.mcpctl.sandbox.openbao.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events as the embedded API stores them and as the real kubectl describe shows them. */
class KubernetesEventsIT {

  private static KubernetesFixture kube;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));

  @BeforeAll
  static void start() {
    kube = new KubernetesFixture();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void aRepeatRaisesTheCountOfTheSameEvent() {
    SecretBackend backend = backendIn("repeats");
    KubernetesEvents events = new KubernetesEvents(kube.client(), clock, "test");

    events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");
    clock.advance(Duration.ofMinutes(5));
    events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");
    clock.advance(Duration.ofMinutes(5));
    events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");

    List<Event> recorded = eventsIn("repeats");
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).getCount()).isEqualTo(3);
    assertThat(recorded.get(0).getFirstTimestamp()).isEqualTo("2026-05-01T08:00:00Z");
    assertThat(recorded.get(0).getLastTimestamp()).isEqualTo("2026-05-01T08:10:00Z");
  }

  @Test
  void aRepeatIsOnePatchAndNoRead() {
    SecretBackend backend = backendIn("one-patch");
    OperatorMetrics metrics = new OperatorMetrics();
    try (KubernetesClient counted =
        SecretBackendOperator.kubernetesClient(kube.client().getConfiguration(), metrics)) {
      KubernetesEvents events = new KubernetesEvents(counted, clock, "test");

      events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");
      clock.advance(Duration.ofMinutes(5));
      events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");
    }

    assertThat(metrics.apiRequests("POST")).isEqualTo(1);
    assertThat(metrics.apiRequests("PATCH")).isEqualTo(1);
    assertThat(metrics.apiRequests("GET")).isZero();
    List<Event> recorded = eventsIn("one-patch");
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).getCount()).isEqualTo(2);
    assertThat(recorded.get(0).getReason()).isEqualTo("RotationFailed");
    assertThat(recorded.get(0).getMessage()).isEqualTo("OpenBao is sealed.");
    assertThat(recorded.get(0).getInvolvedObject().getName())
        .isEqualTo(backend.getMetadata().getName());
  }

  @Test
  void anotherMessageOrReasonIsAnotherEvent() {
    SecretBackend backend = backendIn("distinct");
    KubernetesEvents events = new KubernetesEvents(kube.client(), clock, "test");

    events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");
    events.emit(backend, "Warning", "RotationFailed", "OpenBao is unreachable.");
    events.emit(backend, "Normal", "Rotated", "OpenBao is sealed.");

    assertThat(eventsIn("distinct"))
        .extracting(Event::getReason, Event::getMessage, Event::getCount)
        .containsExactlyInAnyOrder(
            tuple("RotationFailed", "OpenBao is sealed.", 1),
            tuple("RotationFailed", "OpenBao is unreachable.", 1),
            tuple("Rotated", "OpenBao is sealed.", 1));
  }

  @Test
  void aRepeatOfAnEventThatExpiredStartsANewOne() {
    SecretBackend backend = backendIn("expired");
    KubernetesEvents events = new KubernetesEvents(kube.client(), clock, "test");
    events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");
    events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");
    kube.client().v1().events().inNamespace("expired").delete();

    events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");

    List<Event> recorded = eventsIn("expired");
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).getCount()).isEqualTo(1);
  }

  @Test
  void kubectlDescribeShowsTheRepeatsOnOneLine(@TempDir Path work) {
    clock.set(Instant.now().minus(Duration.ofMinutes(20)));
    SecretBackend backend = backendIn("described");
    KubernetesEvents events = new KubernetesEvents(kube.client(), clock, "test");
    events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");
    clock.advance(Duration.ofMinutes(10));
    events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");

    try (Kubectl kubectl = Kubectl.against(kube.api().writeKubeconfig(work.resolve("config")))) {
      Kubectl.Result describe = kubectl.run("describe", "sb", "kube", "-n", "described");

      assertThat(describe.succeeded()).as(describe.describe()).isTrue();
      String eventLines = describe.stdout().substring(describe.stdout().indexOf("Events:"));
      assertThat(eventLines.lines().filter(line -> line.contains("RotationFailed")))
          .singleElement()
          .asString()
          .contains("10m (x2 over 20m)", "OpenBao is sealed.");
    }
  }

  @Test
  void aBackendWithTheLongestNameStillGetsItsEvents() {
    kube.createNamespace("long-names");
    // As long as a name may be, with a dot where the event's name would be cut.
    String name = "a".repeat(239) + "." + "b".repeat(13);
    SecretBackend longest =
        KubernetesFixture.openbaoBackend("long-names", name, "https://bao:8200", "secret", "p");
    longest.getSpec().getOpenbao().getAuth().getTokenSecretRef().setName("bao-token");
    SecretBackend backend = kube.create(longest);
    KubernetesEvents events = new KubernetesEvents(kube.client(), clock, "test");

    events.emit(backend, "Warning", "RotationFailed", "OpenBao is sealed.");

    assertThat(eventsIn("long-names"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getMetadata().getName())
                  .hasSizeLessThanOrEqualTo(253)
                  .matches("a{239}\\.[0-9a-f]{12}");
              assertThat(event.getInvolvedObject().getName()).isEqualTo(name);
            });
  }

  private static SecretBackend backendIn(String namespace) {
    kube.createNamespace(namespace);
    return kube.create(
        KubernetesFixture.openbaoBackend(namespace, "kube", "https://bao:8200", "secret", "p"));
  }

  private static List<Event> eventsIn(String namespace) {
    return kube.client().v1().events().inNamespace(namespace).list().getItems().stream()
        .sorted(Comparator.comparing(Event::getReason))
        .toList();
  }
}
