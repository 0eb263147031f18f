package io.mcpctl.openbao;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A token as {@code lookup-self} or {@code lookup-accessor} describes it. The token value itself
 * ({@code id}) is deliberately not kept.
 *
 * <p><b>Periodicity:</b> {@link #period()} is present only when the token was created with a {@code
 * period} parameter. A period that comes from the token role is enforced at every renewal but
 * OpenBao does not report it (hashicorp/vault#3495), and a role's explicit max TTL shows as 0. For
 * a role token, read the role ({@link OpenBaoClient#readTokenRole(String)}, named by {@link
 * #role()}): its {@code tokenPeriod} is the period, and {@link #creationTtl()} equals it for a
 * token minted while that period was set.
 *
 * @param ttl remaining time to live; zero for a non-expiring (root) token
 * @param creationTtl TTL granted at creation (the period for periodic tokens)
 * @param expireTime when the token expires; {@code null} for a non-expiring token
 * @param renewable false when OpenBao reports no lease (root tokens)
 * @param role the role the token was minted against, when any
 * @param type {@code service} or {@code batch}
 * @param explicitMaxTtl only the value passed at creation (see above)
 * @param path the creation path, e.g. {@code auth/token/create/<role>}
 * @param lastRenewalTime present only after the first renewal
 * @param numUses remaining uses; 0 means unlimited
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenInfo(
    String accessor,
    List<String> policies,
    Duration ttl,
    Duration creationTtl,
    Instant expireTime,
    Optional<Duration> period,
    boolean renewable,
    boolean orphan,
    Optional<String> role,
    Instant creationTime,
    String type,
    Duration explicitMaxTtl,
    String path,
    String displayName,
    String entityId,
    Optional<Instant> lastRenewalTime,
    int numUses,
    Map<String, String> meta) {

  public TokenInfo {
    policies = List.copyOf(policies);
    meta = Map.copyOf(meta);
  }

  @JsonCreator
  static TokenInfo fromJson(
      @JsonProperty("accessor") String accessor,
      @JsonProperty("policies") List<String> policies,
      @JsonProperty("ttl") long ttl,
      @JsonProperty("creation_ttl") long creationTtl,
      @JsonProperty("expire_time") String expireTime,
      @JsonProperty("period") Long period,
      @JsonProperty("renewable") boolean renewable,
      @JsonProperty("orphan") boolean orphan,
      @JsonProperty("role") String role,
      @JsonProperty("creation_time") long creationTime,
      @JsonProperty("type") String type,
      @JsonProperty("explicit_max_ttl") long explicitMaxTtl,
      @JsonProperty("path") String path,
      @JsonProperty("display_name") String displayName,
      @JsonProperty("entity_id") String entityId,
      @JsonProperty("last_renewal_time") Long lastRenewalTime,
      @JsonProperty("num_uses") int numUses,
      @JsonProperty("meta") Map<String, String> meta) {
    return new TokenInfo(
        accessor == null ? "" : accessor,
        policies == null ? List.of() : policies,
        AnswerTimes.seconds(ttl),
        AnswerTimes.seconds(creationTtl),
        expireTime == null || expireTime.isEmpty()
            ? null
            : AnswerTimes.atMostLatest(OffsetDateTime.parse(expireTime).toInstant()),
        Optional.ofNullable(period).filter(p -> p > 0).map(AnswerTimes::seconds),
        renewable,
        orphan,
        Optional.ofNullable(role).filter(r -> !r.isEmpty()),
        AnswerTimes.epochSecond(creationTime),
        type == null ? "service" : type,
        AnswerTimes.seconds(explicitMaxTtl),
        path == null ? "" : path,
        displayName == null ? "" : displayName,
        entityId == null ? "" : entityId,
        Optional.ofNullable(lastRenewalTime).filter(t -> t > 0).map(AnswerTimes::epochSecond),
        numUses,
        Json.withoutNullValues(meta));
  }

  /** True when the token never expires (a root token). */
  public boolean nonExpiring() {
    return expireTime == null;
  }
}
