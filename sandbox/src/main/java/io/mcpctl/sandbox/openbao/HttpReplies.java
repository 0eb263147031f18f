package io.mcpctl.sandbox.openbao;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.mcpctl.sandbox.openbao.logical.ApiReply;
import io.mcpctl.sandbox.openbao.logical.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies with OpenBao's headers: {@code Content-Type: application/json} exactly, {@code
 * Cache-Control: no-store}, no body for 204 and HEAD, and the trailing newline of Go's JSON
 * encoder.
 */
final class HttpReplies {
  private static final byte[] NEWLINE = "\n".getBytes(StandardCharsets.US_ASCII);

  private HttpReplies() {}

  static void send(HttpExchange exchange, ApiReply reply) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Cache-Control", "no-store");
    reply.headers().forEach(headers::set);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    if (reply.body() == null || head || reply.status() == 204) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    byte[] json = Json.bytes(reply.body());
    exchange.sendResponseHeaders(reply.status(), json.length + NEWLINE.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(json);
      body.write(NEWLINE);
    }
  }
}
