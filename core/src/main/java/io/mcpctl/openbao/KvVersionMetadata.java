package io.mcpctl.openbao;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Optional;

/**
 * One version of a KV v2 secret.
 *
 * @param deletionTime when it was (or will be) soft-deleted; empty when not set
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KvVersionMetadata(
    long version, Instant createdTime, Optional<Instant> deletionTime, boolean destroyed) {

  @JsonCreator
  static KvVersionMetadata fromJson(
      @JsonProperty("version") long version,
      @JsonProperty("created_time") String createdTime,
      @JsonProperty("deletion_time") String deletionTime,
      @JsonProperty("destroyed") boolean destroyed) {
    return new KvVersionMetadata(
        version,
        Json.instantOrNull(createdTime),
        Optional.ofNullable(Json.instantOrNull(deletionTime)),
        destroyed);
  }

  KvVersionMetadata withVersion(long newVersion) {
    return new KvVersionMetadata(newVersion, createdTime, deletionTime, destroyed);
  }
}
