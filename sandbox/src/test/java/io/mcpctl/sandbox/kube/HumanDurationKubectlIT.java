package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.time.HumanDuration;
import io.mcpctl.time.Rfc3339;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HumanDuration} against the real kubectl, which renders ages with Kubernetes' own {@code
 * duration.HumanDuration}.
 *
 * <p>{@code kubectl get --server-print=false} computes AGE itself, but from {@code
 * metadata.creationTimestamp}, which the API server sets (the embedded one as well) and a client
 * cannot backdate. {@code kubectl events} computes its LAST SEEN column itself too, from the
 * event's {@code firstTimestamp}, which the client writes: so each age becomes an event that first
 * happened that long before a reference instant, kubectl is started at that instant, and every row
 * it prints is compared with ours. kubectl reads the clock a moment after it starts; each row may
 * therefore show any age between the one at its start and the one when it ended, which is one
 * second wide unless kubectl took longer than a second.
 */
class HumanDurationKubectlIT {

  private static final String NAMESPACE = "ages";

  /** The ages asked about, boundaries of each unit on both sides. */
  private static final List<Duration> AGES =
      List.of(
          seconds(-5),
          seconds(-1),
          seconds(0),
          seconds(45),
          seconds(119),
          seconds(120),
          seconds(125),
          seconds(330),
          seconds(599),
          seconds(600),
          Duration.ofMinutes(179),
          seconds(10799),
          seconds(10800),
          Duration.ofMinutes(195),
          Duration.ofMinutes(479),
          Duration.ofHours(8),
          Duration.ofHours(21),
          Duration.ofHours(47),
          Duration.ofHours(48),
          Duration.ofHours(50),
          Duration.ofHours(51),
          Duration.ofHours(191),
          Duration.ofDays(8),
          Duration.ofDays(29).plusHours(21),
          Duration.ofDays(729),
          Duration.ofDays(730),
          Duration.ofDays(731),
          Duration.ofDays(800),
          Duration.ofDays(8 * 365 - 1),
          Duration.ofDays(8 * 365),
          Duration.ofDays(8 * 365 + 80),
          Duration.ofDays(3650));

  private static EmbeddedKubernetes kube;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start();
    client = kube.client();
    client
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void aCreationTimestampFromTheClientIsNotKept() {
    ConfigMap sent =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("backdated")
            .withNamespace(NAMESPACE)
            .withCreationTimestamp("2000-01-01T00:00:00Z")
            .endMetadata()
            .build();

    ConfigMap stored = client.resource(sent).create();

    assertThat(stored.getMetadata().getCreationTimestamp()).isNotEqualTo("2000-01-01T00:00:00Z");
  }

  @Test
  void everyAgeReadsAsKubectlShowsIt(@TempDir Path work) {
    // Whole seconds, as an event's firstTimestamp holds them; far enough ahead to write them all.
    Instant reference = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
    IntStream.range(0, AGES.size())
        .forEach(index -> recordEvent(rowName(index), reference.minus(AGES.get(index))));
    await()
        .pollInterval(Duration.ofMillis(1))
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Instant.now().isBefore(reference));

    Instant started = Instant.now();
    Kubectl.Result events;
    try (Kubectl kubectl = Kubectl.against(kube.writeKubeconfig(work.resolve("kubeconfig")))) {
      events = kubectl.run("events", "-n", NAMESPACE);
    }
    Instant ended = Instant.now();

    assertThat(events.succeeded()).as(events.describe()).isTrue();
    Map<String, String> lastSeen = lastSeenByObject(events.stdout());
    for (int index = 0; index < AGES.size(); index++) {
      Duration age = AGES.get(index);
      Set<String> ours =
          renderingsBetween(
              age.plus(Duration.between(reference, started)),
              age.plus(Duration.between(reference, ended)));
      assertThat(lastSeen.get(rowName(index)))
          .as(
              "age %s (kubectl ran %s after the reference)",
              age, Duration.between(reference, ended))
          .isIn(ours);
    }
  }

  /** An event about ConfigMap {@code name}, first (and only) seen at {@code firstSeen}. */
  private static void recordEvent(String name, Instant firstSeen) {
    client
        .v1()
        .events()
        .inNamespace(NAMESPACE)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("ConfigMap")
                .withName(name)
                .withNamespace(NAMESPACE)
                .endInvolvedObject()
                .withType("Normal")
                .withReason("Aged")
                .withMessage("seen once")
                .withFirstTimestamp(Rfc3339.format(firstSeen))
                .withLastTimestamp(Rfc3339.format(firstSeen))
                .withCount(1)
                .build())
        .create();
  }

  /** {@code kubectl events}' LAST SEEN column by the name in its OBJECT column. */
  private static Map<String, String> lastSeenByObject(String table) {
    return table
        .lines()
        .skip(1)
        .map(line -> line.trim().split("\\s+"))
        .collect(
            Collectors.toMap(
                columns -> columns[3].substring(columns[3].indexOf('/') + 1),
                columns -> columns[0]));
  }

  /**
   * What ours shows for any age from {@code from} to {@code to}: the text only changes at whole
   * seconds, so the ends and both sides of every whole second between them are all there is.
   */
  private static Set<String> renderingsBetween(Duration from, Duration to) {
    Set<String> texts = new LinkedHashSet<>();
    texts.add(HumanDuration.of(from));
    for (long second = from.getSeconds(); second <= to.getSeconds() + 1; second++) {
      Duration whole = Duration.ofSeconds(second);
      for (Duration near : List.of(whole.minusNanos(1), whole, whole.plusNanos(1))) {
        if (near.compareTo(from) >= 0 && near.compareTo(to) <= 0) {
          texts.add(HumanDuration.of(near));
        }
      }
    }
    texts.add(HumanDuration.of(to));
    return texts;
  }

  private static String rowName(int index) {
    return "age-" + index;
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
