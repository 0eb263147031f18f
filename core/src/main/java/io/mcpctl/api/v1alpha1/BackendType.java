package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The kinds of store a SecretBackend can name. The spec keeps the raw string so that an unknown
 * value reaches the operator (which reports InvalidSpec) instead of failing deserialization.
 */
public enum BackendType {
  @JsonProperty("openbao")
  OPENBAO("openbao"),
  @JsonProperty("kubernetes")
  KUBERNETES("kubernetes");

  private final String wireName;

  BackendType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<BackendType> fromWireName(String value) {
    for (BackendType type : values()) {
      if (type.wireName.equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
