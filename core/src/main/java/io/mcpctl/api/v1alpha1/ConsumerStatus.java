package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The pods that read the token Secret, as counted at the last switch or hold check. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsumerStatus {

  @JsonPropertyDescription(
      "Containers in this namespace that read the token Secret (env, envFrom, volume).")
  private Integer count;

  @JsonPropertyDescription(
      "Of those, containers that read it only at start (env, subPath, read-once) and started"
          + " before the last switch: they still hold the previous token.")
  private Integer holdingPrevious;

  public ConsumerStatus() {}

  public ConsumerStatus(int count, int holdingPrevious) {
    this.count = count;
    this.holdingPrevious = holdingPrevious;
  }

  public Integer getCount() {
    return count;
  }

  public void setCount(Integer count) {
    this.count = count;
  }

  public Integer getHoldingPrevious() {
    return holdingPrevious;
  }

  public void setHoldingPrevious(Integer holdingPrevious) {
    this.holdingPrevious = holdingPrevious;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsumerStatus that
        && Objects.equals(count, that.count)
        && Objects.equals(holdingPrevious, that.holdingPrevious);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, holdingPrevious);
  }
}
