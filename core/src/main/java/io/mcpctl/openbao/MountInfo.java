package io.mcpctl.openbao;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Optional;

/**
 * A secrets-engine mount from {@code sys/mounts/:path} or {@code sys/internal/ui/mounts/:path}.
 *
 * @param path the mount's own path with a trailing slash (e.g. {@code secret/}); only the preflight
 *     endpoint reports it
 * @param options engine options, e.g. {@code version=2}; empty when OpenBao sent null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MountInfo(
    Optional<String> path,
    String type,
    String description,
    String accessor,
    Map<String, String> options) {

  @JsonCreator
  static MountInfo fromJson(
      @JsonProperty("path") String path,
      @JsonProperty("type") String type,
      @JsonProperty("description") String description,
      @JsonProperty("accessor") String accessor,
      @JsonProperty("options") Map<String, String> options) {
    return new MountInfo(
        Optional.ofNullable(path).filter(p -> !p.isEmpty()),
        type == null ? "" : type,
        description == null ? "" : description,
        accessor == null ? "" : accessor,
        options == null ? Map.of() : Map.copyOf(options));
  }

  /** KV v2 iff type is {@code kv} and {@code options.version} is {@code "2"}. */
  public MountKind kind() {
    if (!"kv".equals(type)) {
      return MountKind.OTHER;
    }
    return "2".equals(options.get("version")) ? MountKind.KV_V2 : MountKind.KV_V1;
  }
}
