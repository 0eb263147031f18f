package io.mcpctl.openbao;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTP(S) server that answers scripted responses per method and raw path and records
 * every request, to test the client's wire mapping without a real OpenBao.
 */
final class ScriptedServer implements AutoCloseable {

  /** One recorded request; {@code rawPath} includes the query. */
  record Recorded(String method, String rawPath, Headers headers, String body) {}

  /** What to do with one request. */
  interface Action {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, LinkedList<Action>> script = new HashMap<>();
  private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch release = new CountDownLatch(1);

  private ScriptedServer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.start();
  }

  static ScriptedServer http() throws IOException {
    return new ScriptedServer(HttpServer.create(loopback(), 0));
  }

  static ScriptedServer https(SSLContext context) throws IOException {
    HttpsServer server = HttpsServer.create(loopback(), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return new ScriptedServer(server);
  }

  /** Answers {@code method rawPath} with these actions in turn; the last one repeats. */
  synchronized ScriptedServer on(String method, String rawPath, Action... actions) {
    script.put(method + " " + rawPath, new LinkedList<>(List.of(actions)));
    return this;
  }

  URI address() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Recorded> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** An action that blocks until the server closes, to provoke a request timeout. */
  Action hang() {
    return exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("released");
    };
  }

  /**
   * An action that sends a 200 and then its body a byte at a time, one every 100 ms, for up to
   * {@code seconds}: a server that holds the client past any timeout on the headers.
   */
  Action trickle(int seconds) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < seconds * 10 && !release.await(100, TimeUnit.MILLISECONDS); i++) {
          out.write(' ');
          out.flush();
        }
        out.write("{}".getBytes(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  static Action json(int status, String body, String... headerNamesAndValues) {
    return exchange -> {
      for (int i = 0; i < headerNamesAndValues.length; i += 2) {
        exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    };
  }

  static Action noContent() {
    return exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    };
  }

  /** Closes the connection without any answer (the handler's exception makes the server cut it). */
  static Action cut() {
    return exchange -> {
      throw new IOException("connection cut on purpose");
    };
  }

  /** The OpenBao success envelope around {@code data}. */
  static String envelope(String data) {
    return "{\"request_id\":\"r-1\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
        + "\"data\":"
        + data
        + ",\"wrap_info\":null,\"warnings\":null,\"auth\":null}";
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String rawPath = exchange.getRequestURI().getRawPath();
    if (exchange.getRequestURI().getRawQuery() != null) {
      rawPath += "?" + exchange.getRequestURI().getRawQuery();
    }
    requests.add(
        new Recorded(exchange.getRequestMethod(), rawPath, exchange.getRequestHeaders(), body));
    Action action;
    synchronized (this) {
      LinkedList<Action> actions = script.get(exchange.getRequestMethod() + " " + rawPath);
      action =
          actions == null ? null : actions.size() > 1 ? actions.removeFirst() : actions.getFirst();
    }
    if (action == null) {
      json(404, "{\"errors\":[\"unscripted " + exchange.getRequestMethod() + " " + rawPath + "\"]}")
          .answer(exchange);
      return;
    }
    action.answer(exchange);
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }
}
