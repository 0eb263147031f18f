package io.mcpctl.openbao;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code sys/seal-status}: always answered with 200, sealed or not.
 *
 * @param threshold unseal keys needed ({@code t})
 * @param shares unseal keys issued ({@code n})
 * @param progress unseal keys given so far
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SealStatus(
    String type,
    boolean initialized,
    boolean sealed,
    int threshold,
    int shares,
    int progress,
    String version) {

  @JsonCreator
  static SealStatus fromJson(
      @JsonProperty("type") String type,
      @JsonProperty("initialized") boolean initialized,
      @JsonProperty("sealed") boolean sealed,
      @JsonProperty("t") int threshold,
      @JsonProperty("n") int shares,
      @JsonProperty("progress") int progress,
      @JsonProperty("version") String version) {
    return new SealStatus(type, initialized, sealed, threshold, shares, progress, version);
  }
}
