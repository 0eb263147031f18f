package io.mcpctl.e2e.helm;

/** The operator's metric names and label values the chart's alerts are written against. */
final class OperatorMetricNames {

  static final String TOKEN_EXPIRATION = "mcpctl_secretbackend_token_expiration_timestamp_seconds";
  static final String ROTATIONS_FAILED_SELECTOR =
      "mcpctl_secretbackend_rotations_total{result=\"failure\"}";
  static final String HEALTH_STALE_SELECTOR = "mcpctl_secretbackend_health{state=\"stale\"}";
  static final String HEALTH_ERROR_SELECTOR = "mcpctl_secretbackend_health{state=\"error\"}";
  static final String LEADER = "mcpctl_operator_leader";

  private OperatorMetricNames() {}
}
