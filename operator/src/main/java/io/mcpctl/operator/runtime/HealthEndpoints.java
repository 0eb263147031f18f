package io.mcpctl.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** Serves /metrics, /healthz and /readyz on one port. */
public final class HealthEndpoints implements AutoCloseable {

  private final HttpServer server;

  private HealthEndpoints(HttpServer server) {
    this.server = server;
  }

  /**
   * @param port 0 picks a free port
   * @param live whether the process works (false makes the kubelet restart it)
   * @param ready whether it reconciles or stands by correctly as a non-leader
   */
  public static HealthEndpoints start(
      int port, OperatorMetrics metrics, BooleanSupplier live, BooleanSupplier ready)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          metrics.write(body);
          respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", body.toByteArray());
        });
    server.createContext("/healthz", exchange -> probe(exchange, live));
    server.createContext("/readyz", exchange -> probe(exchange, ready));
    server.setExecutor(Executors.newFixedThreadPool(2, daemon()));
    server.start();
    return new HealthEndpoints(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
    boolean ok = check.getAsBoolean();
    respond(
        exchange,
        ok ? 200 : 503,
        "text/plain; charset=utf-8",
        (ok ? "ok\n" : "not ready\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "health-endpoints");
      thread.setDaemon(true);
      return thread;
    };
  }
}
