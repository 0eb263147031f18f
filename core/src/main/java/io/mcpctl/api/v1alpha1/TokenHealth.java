package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Token health as design §4 defines it, most severe first. */
public enum TokenHealth {
  @JsonProperty("Error")
  ERROR,
  @JsonProperty("Warning")
  WARNING,
  @JsonProperty("Stale")
  STALE,
  @JsonProperty("Healthy")
  HEALTHY;

  /** The form shown in describe output: HEALTHY, STALE, WARNING, ERROR. */
  public String display() {
    return name();
  }
}
