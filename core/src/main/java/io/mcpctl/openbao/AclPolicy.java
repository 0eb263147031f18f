package io.mcpctl.openbao;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An ACL policy as stored: its (lower-cased) name and its HCL or JSON text. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AclPolicy(String name, String policy) {

  @JsonCreator
  static AclPolicy fromJson(
      @JsonProperty("name") String name, @JsonProperty("policy") String policy) {
    return new AclPolicy(name, policy == null ? "" : policy);
  }
}
