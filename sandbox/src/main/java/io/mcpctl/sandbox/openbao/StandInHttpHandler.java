package io.mcpctl.sandbox.openbao;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.ApiReply;
import io.mcpctl.sandbox.openbao.logical.ApiRequest;
import io.mcpctl.sandbox.openbao.pipeline.RequestPipeline;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP front: {@code /_sandbox/} goes to the admin API; {@code /v1/} requests pass the fault
 * injector, then the pipeline, and are recorded in the request log.
 */
final class StandInHttpHandler implements HttpHandler {
  private final RequestPipeline pipeline;
  private final FaultInjector faults;
  private final RequestLog log;
  private final Clock clock;
  private final AdminApi admin;

  StandInHttpHandler(
      RequestPipeline pipeline, FaultInjector faults, RequestLog log, Clock clock, AdminApi admin) {
    this.pipeline = pipeline;
    this.faults = faults;
    this.log = log;
    this.clock = clock;
    this.admin = admin;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/_sandbox") || path.startsWith("/_sandbox/")) {
        admin.handle(exchange, path.substring("/_sandbox".length()));
        return;
      }
      Instant arrived = clock.instant();
      String method = exchange.getRequestMethod();
      String namespace = exchange.getRequestHeaders().getFirst("X-Vault-Namespace");
      String token = token(exchange);
      byte[] body = exchange.getRequestBody().readAllBytes();
      Optional<ApiReply> reply = answer(exchange, method, path, namespace, token, body);
      // Recorded before the answer leaves, so a client that has its answer finds it in the log.
      log.record(
          new RequestRecord(
              arrived,
              method,
              path,
              reply.map(ApiReply::status).orElse(0),
              Optional.ofNullable(namespace),
              token != null));
      if (reply.isPresent()) {
        HttpReplies.send(exchange, reply.get());
      }
    } finally {
      exchange.close();
    }
  }

  /** The answer to send; empty when a fault drops the connection. */
  private Optional<ApiReply> answer(
      HttpExchange exchange,
      String method,
      String path,
      String namespace,
      String token,
      byte[] body) {
    if (!path.startsWith("/v1/")) {
      return Optional.of(ApiReply.errors(404, List.of()));
    }
    String apiPath = path.substring("/v1/".length());
    Optional<Fault> fault = faults.take(method, apiPath);
    if (fault.isPresent()) {
      pause(fault.get());
      if (fault.get().dropsConnection()) {
        return Optional.empty();
      }
      if (fault.get().status().isPresent()) {
        return Optional.of(
            faultReply(fault.get(), apiPath, pipeline.rateLimits().responseHeaders()));
      }
    }
    ApiRequest request =
        new ApiRequest(
            method,
            apiPath,
            query(exchange.getRequestURI().getRawQuery()),
            token,
            namespace,
            exchange.getRequestHeaders().getFirst("Content-Type"),
            body);
    return Optional.of(pipeline.handle(request));
  }

  /** {@code X-Vault-Token} wins over {@code Authorization: Bearer}, as in OpenBao. */
  private static String token(HttpExchange exchange) {
    String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
    if (token != null && !token.isEmpty()) {
      return token;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String bearer = authorization.substring(7).strip();
      return bearer.isEmpty() ? null : bearer;
    }
    return null;
  }

  private static ApiReply faultReply(Fault fault, String apiPath, boolean rateLimitHeaders) {
    int status = fault.status().orElseThrow();
    if (fault.message().isPresent()) {
      return ApiReply.errors(status, List.of(fault.message().get()));
    }
    switch (status) {
      case 429:
        ApiReply limited =
            ApiReply.errors(
                429, List.of("request path \"" + apiPath + "\": rate limit quota exceeded"));
        if (!rateLimitHeaders) {
          // OpenBao's default: enable_rate_limit_response_headers is off (http/util.go).
          return limited;
        }
        String seconds = Long.toString(Math.max(0, (fault.retryAfter().toMillis() + 999) / 1000));
        return limited
            .withHeader("Retry-After", seconds)
            .withHeader("X-Ratelimit-Limit", "1")
            .withHeader("X-Ratelimit-Remaining", "0")
            .withHeader("X-Ratelimit-Reset", seconds);
      case 503:
        return ApiReply.error(ApiError.plain(503, "Vault is sealed"));
      case 500:
        return ApiReply.error(ApiError.wrapped(500, "internal error"));
      case 403:
        return ApiReply.error(ApiError.permissionDenied());
      default:
        return ApiReply.errors(status, List.of());
    }
  }

  /** Simulated latency on this server thread; the test itself never sleeps. */
  private static void pause(Fault fault) {
    if (fault.delay().isZero()) {
      return;
    }
    try {
      Thread.sleep(fault.delay().toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return parameters;
  }
}
