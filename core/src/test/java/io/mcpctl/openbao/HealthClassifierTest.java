package io.mcpctl.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthClassifierTest {

  private static final URI ADDRESS = URI.create("https://bao.example.com:8200");

  static String healthBody(boolean initialized, boolean sealed, boolean standby) {
    return "{\"initialized\":"
        + initialized
        + ",\"sealed\":"
        + sealed
        + ",\"standby\":"
        + standby
        + ",\"replication_performance_mode\":\"disabled\",\"replication_dr_mode\":\"disabled\","
        + "\"server_time_utc\":1755500000,\"version\":\"2.6.2\"}";
  }

  static Stream<Arguments> healthAnswers() {
    return Stream.of(
        Arguments.of(
            "200 with a health body is active",
            200,
            healthBody(true, false, false),
            HealthState.ACTIVE),
        Arguments.of(
            "429 with a health body is a standby",
            429,
            healthBody(true, false, true),
            HealthState.STANDBY),
        Arguments.of(
            "Vault's 473 performance standby counts as a standby",
            473,
            healthBody(true, false, true),
            HealthState.STANDBY),
        Arguments.of(
            "503 with a health body is sealed (standby is true while sealed)",
            503,
            healthBody(true, true, true),
            HealthState.SEALED),
        Arguments.of(
            "501 is uninitialised", 501, healthBody(false, true, true), HealthState.UNINITIALISED),
        Arguments.of(
            "503 without a health body is a proxy with nothing behind it",
            503,
            "Service Unavailable",
            HealthState.UNREACHABLE),
        Arguments.of("502 from a proxy is unreachable", 502, "", HealthState.UNREACHABLE),
        Arguments.of("504 from a proxy is unreachable", 504, "", HealthState.UNREACHABLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthAnswers")
  void classifiesByStatusCode(String sentence, int status, String body, HealthState expected) {
    HealthStatus health = HealthClassifier.classify(ADDRESS, answer(status, body));

    assertThat(health.state()).isEqualTo(expected);
    assertThat(health.httpStatus()).isEqualTo(status);
    assertThat(health.detail()).contains(ADDRESS.toString());
  }

  @Test
  void reportsTheVersionFromTheBody() {
    HealthStatus health =
        HealthClassifier.classify(ADDRESS, answer(200, healthBody(true, false, false)));

    assertThat(health.version()).contains("2.6.2");
    assertThat(health.isActive()).isTrue();
    assertThat(health.detail())
        .isEqualTo(
            "OpenBao 2.6.2 at https://bao.example.com:8200 is initialised, unsealed and active.");
  }

  @Test
  void aSuccessThatIsNotOpenBaoJsonIsUnexpected() {
    assertThatThrownBy(() -> HealthClassifier.classify(ADDRESS, answer(200, "<html>hello</html>")))
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("check the address");
  }

  @Test
  void aNamespaceRefusalIsABadRequest() {
    assertThatThrownBy(
            () ->
                HealthClassifier.classify(
                    ADDRESS, answer(400, "{\"errors\":[\"operation unavailable in namespaces\"]}")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("operation unavailable in namespaces");
  }

  @Test
  void aServerErrorIsThrown() {
    assertThatThrownBy(() -> HealthClassifier.classify(ADDRESS, answer(500, "{\"errors\":[]}")))
        .isInstanceOf(ServerErrorException.class);
  }

  @Test
  void a429WithoutAHealthBodyIsARateLimitNotAStandby() {
    assertThatThrownBy(() -> HealthClassifier.classify(ADDRESS, answer(429, "{\"errors\":[]}")))
        .isInstanceOf(RateLimitedException.class);
  }

  private static Transport.Response answer(int status, String body) {
    return new Transport.Response(
        "GET sys/health", status, body, HttpHeaders.of(Map.of(), (name, value) -> true));
  }
}
