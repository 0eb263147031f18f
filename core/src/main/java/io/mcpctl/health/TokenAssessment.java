package io.mcpctl.health;

import io.mcpctl.api.v1alpha1.TokenHealth;
import java.util.Objects;

/** A token's health and the one sentence that explains it (never contains a token). */
public record TokenAssessment(TokenHealth health, String reason) {

  public TokenAssessment {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(reason, "reason");
  }
}
