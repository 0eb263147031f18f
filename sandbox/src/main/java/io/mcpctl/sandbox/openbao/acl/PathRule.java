package io.mcpctl.sandbox.openbao.acl;

import java.time.Instant;

/**
 * One {@code path "..." { capabilities = [...] }} stanza: the pattern as written (leading slash
 * removed), the capability bitmap, what it demands of a request beyond the capability, and an
 * optional expiration after which it no longer applies.
 */
public record PathRule(
    String pattern, int capabilities, RequestConstraints constraints, Instant expiration) {

  boolean expiredAt(Instant now) {
    return expiration != null && now.isAfter(expiration);
  }

  /**
   * Identity-templated paths only resolve for tokens with an entity, which the stand-in never
   * issues.
   */
  boolean templated() {
    return pattern.contains("{{");
  }
}
