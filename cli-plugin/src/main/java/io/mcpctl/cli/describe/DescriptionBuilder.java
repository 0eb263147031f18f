package io.mcpctl.cli.describe;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.mcpctl.api.v1alpha1.AuthSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TlsSpec;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.cli.describe.SecretBackendDescription.EventLine;
import io.mcpctl.cli.describe.SecretBackendDescription.OpenBao;
import io.mcpctl.cli.describe.SecretBackendDescription.Ready;
import io.mcpctl.cli.describe.SecretBackendDescription.Rotation;
import io.mcpctl.cli.describe.SecretBackendDescription.StaticToken;
import io.mcpctl.cli.describe.SecretBackendDescription.TokenConsumerLine;
import io.mcpctl.cli.describe.SecretBackendDescription.TokenHealthSection;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.health.TokenAssessment;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Builds the description of one backend from what was fetched and the time of display. Pure. */
public final class DescriptionBuilder {

  /** kubectl describe shows a handful of recent events; so do we. */
  static final int MAX_EVENTS = 10;

  private final TokenHealthEvaluator evaluator;

  public DescriptionBuilder(TokenHealthEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  /**
   * @param containers the containers of the namespace's pods, or empty when they could not be
   *     listed
   */
  public SecretBackendDescription build(
      SecretBackend backend,
      Optional<List<TokenConsumer>> consumers,
      List<Event> events,
      Instant now) {
    SecretBackendSpec spec =
        backend.getSpec() == null ? new SecretBackendSpec() : backend.getSpec();
    TokenMeta meta =
        backend.getStatus() == null || backend.getStatus().getTokenMeta() == null
            ? new TokenMeta()
            : backend.getStatus().getTokenMeta();
    Optional<TokenAssessment> assessment = evaluator.assess(backend, now);
    OpenBaoSpec openbao = spec.getOpenbao();
    boolean isOpenBao = "openbao".equals(spec.getType()) && openbao != null;
    return new SecretBackendDescription(
        backend.getMetadata().getName(),
        backend.getMetadata().getNamespace(),
        spec.getType(),
        spec.isDefaultBackend(),
        isOpenBao ? openBao(openbao) : null,
        ready(backend),
        assessment.map(found -> tokenHealth(found, meta)).orElse(null),
        isOpenBao && assessment.isEmpty() ? staticToken(meta) : null,
        assessment.isPresent()
            ? consumers.map(listed -> consumerLines(meta, listed)).orElse(null)
            : null,
        recentEvents(events, backend.getMetadata().getName()),
        Rfc3339.format(now));
  }

  private static OpenBao openBao(OpenBaoSpec openbao) {
    AuthSpec auth = openbao.getAuth();
    SecretKeyRef tokenRef = auth == null ? null : auth.getTokenSecretRef();
    RotationSpec rotation = auth == null ? null : auth.getRotation();
    return new OpenBao(
        openbao.getAddress(),
        blankToNull(openbao.getNamespace()),
        openbao.getKv() == null ? null : openbao.getKv().getMount(),
        openbao.getKv() == null ? null : openbao.getKv().getPathPrefix(),
        tokenRef == null ? null : tokenRef.getName(),
        tokenRef == null ? null : tokenRef.getKey(),
        tls(openbao.getTls(), openbao.getAddress()),
        auth != null && auth.isRotationEnabled()
            ? new Rotation(
                rotation.getTokenRole(),
                rotation.getInterval(),
                rotation.getJitter(),
                rotation.getRevokeGracePeriod())
            : null);
  }

  private static String tls(TlsSpec tls, String address) {
    if (address != null && address.startsWith("http://")) {
      return "none (plain http)";
    }
    if (tls != null && tls.skipsVerification()) {
      return "certificate not verified (insecureSkipVerify)";
    }
    if (tls != null && tls.getCaSecretRef() != null) {
      return "CA from Secret "
          + tls.getCaSecretRef().getName()
          + " (key "
          + tls.getCaSecretRef().getKey()
          + ")";
    }
    return "system trust store";
  }

  private static Ready ready(SecretBackend backend) {
    if (backend.getStatus() == null || backend.getStatus().getConditions() == null) {
      return null;
    }
    return backend.getStatus().getConditions().stream()
        .filter(condition -> ReadyReasons.CONDITION_TYPE.equals(condition.getType()))
        .findFirst()
        .map(DescriptionBuilder::ready)
        .orElse(null);
  }

  private static Ready ready(Condition condition) {
    return new Ready(
        condition.getStatus(),
        condition.getReason(),
        blankToNull(condition.getMessage()),
        condition.getLastTransitionTime());
  }

  private static TokenHealthSection tokenHealth(TokenAssessment assessment, TokenMeta meta) {
    return new TokenHealthSection(
        assessment.health().display(),
        assessment.reason(),
        meta.getGeneratedAt(),
        meta.getLastRotationAt(),
        meta.getNextRotationAt(),
        meta.getExpiresAt(),
        meta.getLastCheckedAt(),
        meta.getRenewable(),
        meta.getPeriod(),
        meta.getPolicies() == null ? List.of() : List.copyOf(meta.getPolicies()),
        blankToNull(meta.getLastRotationError()),
        blankToNull(meta.getLastRotationError()) == null ? null : meta.getLastRotationErrorAt(),
        meta.getConsecutiveFailures() == null ? 0 : meta.getConsecutiveFailures());
  }

  private static StaticToken staticToken(TokenMeta meta) {
    return new StaticToken(
        meta.getExpiresAt(),
        meta.getLastCheckedAt(),
        meta.getRenewable(),
        meta.getPolicies() == null ? List.of() : List.copyOf(meta.getPolicies()));
  }

  /** Each consumer, and which token it holds given the last switch. */
  static List<TokenConsumerLine> consumerLines(TokenMeta meta, List<TokenConsumer> consumers) {
    Optional<Instant> lastSwitch = Rfc3339.parse(meta.getLastRotationAt());
    List<TokenConsumerLine> lines = new ArrayList<>();
    for (TokenConsumer consumer : consumers) {
      boolean previous = lastSwitch.filter(consumer::holdsTokenFrom).isPresent();
      lines.add(
          new TokenConsumerLine(
              consumer.pod(),
              consumer.container(),
              consumer.mode().toString(),
              consumer.workload().toString(),
              consumer.finishesAtStart() ? "used at start" : previous ? "previous" : "current",
              consumer.startedAt().map(Rfc3339::format).orElse(null)));
    }
    return lines;
  }

  private static List<EventLine> recentEvents(List<Event> events, String backendName) {
    List<Event> sorted =
        events.stream()
            .filter(event -> event.getInvolvedObject() != null)
            .filter(event -> "SecretBackend".equals(event.getInvolvedObject().getKind()))
            .filter(event -> backendName.equals(event.getInvolvedObject().getName()))
            .sorted(Comparator.comparing(DescriptionBuilder::lastSeen))
            .toList();
    return sorted.subList(Math.max(0, sorted.size() - MAX_EVENTS), sorted.size()).stream()
        .map(
            event ->
                new EventLine(
                    event.getType(),
                    event.getReason(),
                    event.getMessage(),
                    event.getCount() == null ? 1 : event.getCount(),
                    Rfc3339.format(lastSeen(event))))
        .toList();
  }

  private static Instant lastSeen(Event event) {
    return Rfc3339.parse(event.getLastTimestamp())
        .or(
            () ->
                Optional.ofNullable(event.getEventTime())
                    .flatMap(time -> Rfc3339.parse(time.getTime())))
        .or(() -> Rfc3339.parse(event.getFirstTimestamp()))
        .or(() -> Rfc3339.parse(event.getMetadata().getCreationTimestamp()))
        .orElse(Instant.EPOCH);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
