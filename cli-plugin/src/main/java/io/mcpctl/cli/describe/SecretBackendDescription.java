package io.mcpctl.cli.describe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What {@code describe secretbackend} shows, as plain data: built from what was fetched and the
 * time of display, then rendered as text, JSON or YAML. Timestamps are RFC 3339 strings; never a
 * token or an accessor.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "namespace",
  "type",
  "default",
  "openbao",
  "ready",
  "tokenHealth",
  "staticToken",
  "consumers",
  "events",
  "evaluatedAt"
})
public record SecretBackendDescription(
    String name,
    String namespace,
    String type,
    @JsonProperty("default") boolean isDefault,
    OpenBao openbao,
    Ready ready,
    TokenHealthSection tokenHealth,
    StaticToken staticToken,
    List<TokenConsumerLine> consumers,
    List<EventLine> events,
    String evaluatedAt) {

  /** Where the secrets live and how the token is kept. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OpenBao(
      String address,
      String namespace,
      String kvMount,
      String pathPrefix,
      String tokenSecret,
      String tokenSecretKey,
      String tls,
      Rotation rotation) {}

  /** The rotation settings; absent for a static token. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rotation(
      String tokenRole, String interval, String jitter, String revokeGracePeriod) {}

  /** The Ready condition as the operator last wrote it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ready(String status, String reason, String message, String lastTransitionTime) {}

  /** Design §4: only for a rotatable token; health is computed at the time of display. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TokenHealthSection(
      String health,
      String reason,
      String generatedAt,
      String lastRotationAt,
      String nextRotationAt,
      String expiresAt,
      String lastCheckedAt,
      Boolean renewable,
      String period,
      List<String> policies,
      String lastRotationError,
      String lastRotationErrorAt,
      int consecutiveFailures) {}

  /** A static token is checked but never rotated: validity and expiry only. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StaticToken(
      String expiresAt, String lastCheckedAt, Boolean renewable, List<String> policies) {}

  /**
   * A container that reads the token Secret: how (env, subPath volume, volume, volume read once),
   * which workload runs it, and whether it holds the current token or, having read it only at start
   * before the last switch, the previous one (revoked after the grace period) until it restarts.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TokenConsumerLine(
      String pod,
      String container,
      String readsBy,
      String workload,
      String token,
      String startedAt) {}

  /** One event about the backend. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventLine(String type, String reason, String message, int count, String lastSeen) {}
}
