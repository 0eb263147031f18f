package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.operator.rotation.AllowedOpenBaoAddresses;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorConfigTest {

  @Test
  void withNothingSetTheContractDefaultsApply() throws Exception {
    OperatorConfig config = OperatorConfig.parse(new String[0], Map.of());

    assertThat(config.watchNamespaces()).isEmpty();
    assertThat(config.metricsPort()).isEqualTo(8080);
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaderElectionLeaseName()).isEqualTo("mcpctl-operator-leader");
    assertThat(config.healthCheckInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.maxConcurrentRotations()).isEqualTo(4);
    assertThat(config.maxRotationsPerSecond()).isEqualTo(2);
    assertThat(config.logFormat()).isEqualTo(OperatorConfig.LogFormat.TEXT);
    assertThat(config.allowedOpenBaoAddresses()).isEqualTo(AllowedOpenBaoAddresses.any());
  }

  @Test
  void environmentVariablesAsTheHelmChartSetsThem() throws Exception {
    OperatorConfig config =
        OperatorConfig.parse(
            new String[0],
            Map.ofEntries(
                Map.entry("MCPCTL_WATCH_NAMESPACES", "team-a, team-b"),
                Map.entry("MCPCTL_METRICS_PORT", "9090"),
                Map.entry("MCPCTL_LEADER_ELECTION", "false"),
                Map.entry("MCPCTL_LEADER_ELECTION_NAMESPACE", "mcpctl-system"),
                Map.entry("MCPCTL_LEADER_ELECTION_LEASE_NAME", "mcpctl-lock"),
                Map.entry("MCPCTL_HEALTH_CHECK_INTERVAL", "30m"),
                Map.entry("MCPCTL_MAX_CONCURRENT_ROTATIONS", "8"),
                Map.entry("MCPCTL_MAX_ROTATIONS_PER_SECOND", "5"),
                Map.entry("MCPCTL_LOG_FORMAT", "json"),
                Map.entry("MCPCTL_OPENBAO_MINT_TIMEOUT", "2m"),
                Map.entry(
                    "MCPCTL_ALLOWED_OPENBAO_ADDRESSES",
                    "https://bao.example.com:8200, https://gateway.example.com/vault/")));

    assertThat(config)
        .isEqualTo(
            new OperatorConfig(
                Set.of("team-a", "team-b"),
                9090,
                false,
                "mcpctl-system",
                "mcpctl-lock",
                Duration.ofMinutes(30),
                8,
                5,
                OperatorConfig.LogFormat.JSON,
                Duration.ofMinutes(2),
                AllowedOpenBaoAddresses.parse(
                    "https://bao.example.com:8200,https://gateway.example.com/vault")));
  }

  @Test
  void aFlagWinsOverItsVariableInBothSpellings() throws Exception {
    OperatorConfig config =
        OperatorConfig.parse(
            new String[] {"--metrics-port", "7070", "--log-format=json"},
            Map.of("MCPCTL_METRICS_PORT", "9090", "MCPCTL_LOG_FORMAT", "text"));

    assertThat(config.metricsPort()).isEqualTo(7070);
    assertThat(config.logFormat()).isEqualTo(OperatorConfig.LogFormat.JSON);
  }

  @Test
  void theLeaseNamespaceFallsBackToThePodNamespace() throws Exception {
    assertThat(
            OperatorConfig.parse(new String[0], Map.of("POD_NAMESPACE", "ops"))
                .leaderElectionNamespace())
        .isEqualTo("ops");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "a port that is not a number",
            "--metrics-port=http",
            "--metrics-port (MCPCTL_METRICS_PORT) is 'http'; set it to a port"),
        Arguments.of(
            "leader election neither true nor false",
            "--leader-election=yes",
            "set it to true or false"),
        Arguments.of(
            "an interval without a unit", "--health-check-interval=60", "a duration of 1s or more"),
        Arguments.of(
            "zero concurrent rotations",
            "--max-concurrent-rotations=0",
            "a whole number of 1 or more"),
        Arguments.of("an unknown log format", "--log-format=xml", "set it to text or json"),
        Arguments.of("an unknown option", "--verbose=true", "Unknown option '--verbose'"),
        Arguments.of(
            "an allowed address that is no URL",
            "--allowed-openbao-addresses=https://bao:8200,bao.example.com",
            "--allowed-openbao-addresses (MCPCTL_ALLOWED_OPENBAO_ADDRESSES): The OpenBao address"
                + " 'bao.example.com' is not an http or https URL with a host"));
  }

  @ParameterizedTest(name = "{0} is refused with one sentence naming it")
  @MethodSource
  void invalid(String sentence, String flag, String message) {
    assertThatThrownBy(() -> OperatorConfig.parse(new String[] {flag}, Map.of()))
        .isInstanceOf(OperatorConfig.InvalidConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void theUsageListsEveryFlagWithItsVariable() {
    assertThat(OperatorConfig.usage())
        .contains(
            "--watch-namespaces",
            "MCPCTL_WATCH_NAMESPACES",
            "--max-rotations-per-second",
            "MCPCTL_LOG_FORMAT");
  }
}
