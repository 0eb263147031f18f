package io.mcpctl.openbao;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/** Classifies a {@code sys/health} answer by its status code (OpenBao's defaults). */
final class HealthClassifier {

  private HealthClassifier() {}

  /**
   * Whether {@code sys/health} answers with this status to report the node's state (active,
   * standby, uninitialised, sealed) rather than a failure of the request.
   */
  static boolean isHealthAnswer(int status) {
    return switch (status) {
      case 200, 429, 472, 473, 501, 503 -> true;
      default -> false;
    };
  }

  /**
   * @throws OpenBaoException for answers that are not health answers (e.g. 400 for a namespace
   *     header, 500, a 200 that is not OpenBao's JSON)
   */
  static HealthStatus classify(URI address, Transport.Response answer) {
    Optional<JsonNode> body = healthBody(answer.body());
    Optional<String> version =
        body.map(b -> b.path("version").asText("")).filter(v -> !v.isEmpty());
    String where = "OpenBao" + version.map(v -> " " + v).orElse("") + " at " + address;
    int status = answer.status();
    switch (status) {
      case 200:
        if (body.isEmpty()) {
          throw new UnexpectedResponseException(
              "The server at "
                  + address
                  + " answered sys/health without OpenBao's health JSON; check the address.",
              answer.request(),
              status,
              null);
        }
        return new HealthStatus(
            HealthState.ACTIVE, status, version, where + " is initialised, unsealed and active.");
      case 429:
      case 472:
      case 473:
        if (body.isPresent()) {
          return new HealthStatus(
              HealthState.STANDBY,
              status,
              version,
              where
                  + " is a standby node; point the address at the active node or its load"
                  + " balancer.");
        }
        break;
      case 501:
        return new HealthStatus(
            HealthState.UNINITIALISED,
            status,
            version,
            where + " is not initialised; run 'bao operator init', then unseal it.");
      case 503:
        if (body.isPresent()) {
          return new HealthStatus(
              HealthState.SEALED,
              status,
              version,
              where + " is sealed; unseal it ('bao operator unseal'), then retry.");
        }
        return unreachableBehindProxy(address, status);
      case 502:
      case 504:
        return unreachableBehindProxy(address, status);
      default:
        break;
    }
    throw ErrorClassifier.fromResponse(
        answer.request(), status, answer.body(), answer.header("Retry-After"), Optional.empty());
  }

  private static HealthStatus unreachableBehindProxy(URI address, int status) {
    return new HealthStatus(
        HealthState.UNREACHABLE,
        status,
        Optional.empty(),
        "A proxy at "
            + address
            + " answered "
            + status
            + " without an OpenBao health body; OpenBao behind it is not reachable.");
  }

  private static Optional<JsonNode> healthBody(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      return node != null && node.has("initialized") && node.has("sealed")
          ? Optional.of(node)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
