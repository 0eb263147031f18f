package io.mcpctl.sandbox.openbao;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.mcpctl.sandbox.openbao.logical.ApiReply;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.GoTime;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.pipeline.RequestPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The {@code /_sandbox/} admin API, for scripts and the demo driving the stand-in from another
 * process. Every call needs the root token in {@code X-Vault-Token}; see {@link OpenBaoStandIn}.
 */
final class AdminApi {
  private final RequestPipeline pipeline;
  private final FaultInjector faults;
  private final RequestLog log;
  private final Clock clock;
  private final byte[] rootToken;

  AdminApi(RequestPipeline pipeline, FaultInjector faults, RequestLog log, Clock clock) {
    this.pipeline = pipeline;
    this.faults = faults;
    this.log = log;
    this.clock = clock;
    this.rootToken = pipeline.rootTokenId().getBytes(StandardCharsets.UTF_8);
  }

  void handle(HttpExchange exchange, String path) throws IOException {
    String presented = exchange.getRequestHeaders().getFirst("X-Vault-Token");
    if (presented == null
        || !MessageDigest.isEqual(rootToken, presented.getBytes(StandardCharsets.UTF_8))) {
      HttpReplies.send(
          exchange, error(403, "The admin API needs the stand-in's root token in X-Vault-Token."));
      return;
    }
    JsonNode body;
    try {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      body = raw.length == 0 ? Json.object() : Json.MAPPER.readTree(raw);
    } catch (IOException malformed) {
      HttpReplies.send(exchange, error(400, "The request body is not JSON; send a JSON object."));
      return;
    }
    ApiReply reply;
    try {
      reply = route(exchange.getRequestMethod(), path, body == null ? Json.object() : body);
    } catch (IllegalArgumentException | IllegalStateException invalid) {
      reply = error(400, invalid.getMessage());
    }
    HttpReplies.send(exchange, reply);
  }

  private ApiReply route(String method, String path, JsonNode body) {
    String call = method + " " + path;
    switch (call) {
      case "POST /seal":
        pipeline.seal();
        return ApiReply.noBody(204);
      case "POST /unseal":
        pipeline.unseal();
        return ApiReply.noBody(204);
      case "POST /standby":
        pipeline.setStandby(requiredBoolean(body, "standby"));
        return ApiReply.noBody(204);
      case "POST /initialized":
        pipeline.setInitialized(requiredBoolean(body, "initialized"));
        return ApiReply.noBody(204);
      case "GET /requests":
        return ApiReply.json(200, requests());
      case "DELETE /requests":
        log.clear();
        return ApiReply.noBody(204);
      case "GET /faults":
        return ApiReply.json(200, activeFaults());
      case "POST /faults":
        ObjectNode created = Json.object();
        created.put("id", faults.add(fault(body)));
        return ApiReply.json(200, created);
      case "DELETE /faults":
        faults.clear();
        return ApiReply.noBody(204);
      case "GET /clock":
        return ApiReply.json(200, now());
      case "POST /clock/advance":
        return advance(body);
      case "GET /tokens":
        return ApiReply.json(200, tokens());
      default:
        if (method.equals("DELETE") && path.startsWith("/faults/")) {
          return faults.remove(path.substring("/faults/".length()))
              ? ApiReply.noBody(204)
              : error(
                  404,
                  "No active fault has id "
                      + path.substring("/faults/".length())
                      + "; GET /_sandbox/faults lists them.");
        }
        return error(
            404,
            "Unknown admin call " + call + "; see the OpenBaoStandIn Javadoc for the admin API.");
    }
  }

  private ApiReply advance(JsonNode body) {
    if (!(clock instanceof MutableClock mutable)) {
      return error(
          409, "The stand-in runs on a fixed clock; start it with a MutableClock to move time.");
    }
    String duration = body.path("duration").asText("");
    if (duration.isEmpty()) {
      return error(
          400, "Send {\"duration\":\"1h\"} (a Go duration or seconds) to advance the clock.");
    }
    mutable.advance(Fields.parseDurationSecond(duration));
    return ApiReply.json(200, now());
  }

  private ObjectNode now() {
    ObjectNode node = Json.object();
    node.put("now", GoTime.utc(clock.instant()));
    return node;
  }

  private static Fault fault(JsonNode body) {
    String method = body.path("method").asText("*");
    String path = body.path("path").asText("");
    if (path.isEmpty()) {
      throw new IllegalArgumentException(
          "A fault needs \"path\", a regular expression for the path after /v1/.");
    }
    Fault.Builder fault = Fault.on(method, path);
    if (body.hasNonNull("status")) {
      int status = body.get("status").asInt();
      if (status == 429 && body.hasNonNull("retry_after")) {
        fault.rateLimited(Fields.parseDurationSecond(body.get("retry_after")));
      } else if (body.hasNonNull("message")) {
        fault.respond(status, body.get("message").asText());
      } else {
        fault.respond(status);
      }
    }
    if (body.hasNonNull("delay")) {
      fault.delay(Fields.parseDurationSecond(body.get("delay")));
    }
    if (body.path("drop_connection").asBoolean(false)) {
      fault.dropConnection();
    }
    if (body.hasNonNull("times")) {
      fault.times(body.get("times").asInt());
    }
    return fault.build();
  }

  private ObjectNode activeFaults() {
    ArrayNode list = Json.array();
    for (FaultInjector.ActiveFault active : faults.active()) {
      ObjectNode node = Json.object();
      node.put("id", active.id());
      node.put("method", active.fault().method());
      node.put("path", active.fault().pathPattern());
      active.fault().status().ifPresent(status -> node.put("status", status));
      active.fault().message().ifPresent(message -> node.put("message", message));
      node.put("delay_ms", active.fault().delay().toMillis());
      node.put("drop_connection", active.fault().dropsConnection());
      active.remaining().ifPresent(remaining -> node.put("remaining", remaining));
      list.add(node);
    }
    ObjectNode result = Json.object();
    result.set("faults", list);
    return result;
  }

  private ObjectNode requests() {
    ArrayNode list = Json.array();
    for (RequestRecord record : log.entries()) {
      ObjectNode node = Json.object();
      node.put("time", GoTime.utc(record.time()));
      node.put("method", record.method());
      node.put("path", record.path());
      node.put("status", record.status());
      record.namespace().ifPresent(namespace -> node.put("namespace", namespace));
      node.put("token_presented", record.tokenPresented());
      list.add(node);
    }
    ObjectNode result = Json.object();
    result.set("requests", list);
    return result;
  }

  private ObjectNode tokens() {
    ArrayNode list = Json.array();
    for (TokenSnapshot token : pipeline.liveTokens()) {
      ObjectNode node = Json.object();
      node.put("accessor", token.accessor());
      node.set("policies", Json.strings(token.policies()));
      node.put("orphan", token.orphan());
      token.parentAccessor().ifPresent(parent -> node.put("parent_accessor", parent));
      token.role().ifPresent(role -> node.put("role", role));
      node.put("path", token.path());
      token
          .expireTime()
          .map(Instant::toString)
          .ifPresent(expiry -> node.put("expire_time", expiry));
      node.put("renewable", token.renewable());
      list.add(node);
    }
    ObjectNode result = Json.object();
    result.set("tokens", list);
    return result;
  }

  private static boolean requiredBoolean(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || !value.isBoolean()) {
      throw new IllegalArgumentException(
          "Send {\"" + name + "\": true} or {\"" + name + "\": false}.");
    }
    return value.booleanValue();
  }

  private static ApiReply error(int status, String message) {
    return ApiReply.errors(status, List.of(message));
  }
}
