package io.mcpctl.openbao;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata of a KV v2 key ({@code <mount>/metadata/<path>}): versions and settings, no values.
 *
 * @param currentVersion the version a check-and-set write must name
 * @param versions every retained version by number
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KvMetadata(
    long currentVersion,
    long oldestVersion,
    Instant createdTime,
    Instant updatedTime,
    int maxVersions,
    boolean casRequired,
    Map<Long, KvVersionMetadata> versions) {

  public KvMetadata {
    versions = Map.copyOf(versions);
  }

  @JsonCreator
  static KvMetadata fromJson(
      @JsonProperty("current_version") long currentVersion,
      @JsonProperty("oldest_version") long oldestVersion,
      @JsonProperty("created_time") String createdTime,
      @JsonProperty("updated_time") String updatedTime,
      @JsonProperty("max_versions") int maxVersions,
      @JsonProperty("cas_required") boolean casRequired,
      @JsonProperty("versions") Map<String, KvVersionMetadata> versions) {
    Map<Long, KvVersionMetadata> byNumber = new TreeMap<>();
    if (versions != null) {
      versions.forEach(
          (number, meta) -> {
            long version = Long.parseLong(number);
            byNumber.put(version, meta.withVersion(version));
          });
    }
    return new KvMetadata(
        currentVersion,
        oldestVersion,
        Json.instantOrNull(createdTime),
        Json.instantOrNull(updatedTime),
        maxVersions,
        casRequired,
        byNumber);
  }
}
