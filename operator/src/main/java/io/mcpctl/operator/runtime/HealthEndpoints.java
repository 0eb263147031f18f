package io.mcpctl.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Serves /metrics, /healthz and /readyz on one port.
 *
 * <p>Anyone on the pod network reaches this port. The JDK's server reads each request on a thread
 * of its executor, for as long as the client takes, and keeps any number of connections by default:
 * two connections that sent one byte each and nothing more held both threads of the earlier pool
 * for good, the kubelet's probes queued behind them, and the operator was restarted every half
 * minute, for all namespaces. So a request must arrive whole within {@link #MAX_REQUEST_SECONDS},
 * an answer be taken within {@link #MAX_RESPONSE_SECONDS}, at most {@link #MAX_CONNECTIONS}
 * connections are open at once, and each of them has a thread of its own: a probe waits for
 * nobody's slow request.
 */
public final class HealthEndpoints implements AutoCloseable {

  static final int MAX_REQUEST_SECONDS = 5;
  static final int MAX_RESPONSE_SECONDS = 10;
  static final int MAX_CONNECTIONS = 128;

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
    limitConnections();
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
    ThreadPoolExecutor threads =
        new ThreadPoolExecutor(
            0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon());
    server.setExecutor(threads);
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

  /**
   * The JDK's server reads these settings once, when the first server of the process is made, and
   * the operator's is its only one; an administrator's own value (a JVM option) is kept.
   */
  private static void limitConnections() {
    setUnlessSet("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
    setUnlessSet("sun.net.httpserver.maxRspTime", Integer.toString(MAX_RESPONSE_SECONDS));
    setUnlessSet("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
  }

  private static void setUnlessSet(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
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
