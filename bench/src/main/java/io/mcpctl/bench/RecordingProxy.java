package io.mcpctl.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain-HTTP reverse proxy in front of the OpenBao stand-in that records when each request
 * started and when its answer was sent, which the stand-in's own log (arrival only) cannot tell. It
 * keeps methods, paths and statuses, never a header value, so no token is held.
 */
final class RecordingProxy implements AutoCloseable {

  /** One forwarded request. */
  record ProxiedCall(long startNanos, long endNanos, String method, String path, int status) {
    Timeline.Interval interval() {
      return new Timeline.Interval(startNanos, endNanos);
    }
  }

  private static final Set<String> FORWARDED_REQUEST_HEADERS =
      Set.of(
          "x-vault-token", "x-vault-namespace", "x-vault-request", "content-type", "authorization");
  private static final Set<String> FORWARDED_RESPONSE_HEADERS =
      Set.of(
          "content-type",
          "retry-after",
          "x-ratelimit-limit",
          "x-ratelimit-remaining",
          "x-ratelimit-reset");

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private final URI target;
  private final List<ProxiedCall> calls = new ArrayList<>();

  private RecordingProxy(HttpServer server, ExecutorService executor, URI target) {
    this.server = server;
    this.executor = executor;
    this.target = target;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(executor)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Listens on a free loopback port and forwards to {@code target} (http). */
  static RecordingProxy start(URI target) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newCachedThreadPool(
              runnable -> {
                Thread thread = new Thread(runnable, "openbao-recording-proxy");
                thread.setDaemon(true);
                return thread;
              });
      RecordingProxy proxy = new RecordingProxy(server, executor, target);
      server.createContext("/", proxy::forward);
      server.setExecutor(executor);
      server.start();
      return proxy;
    } catch (IOException failure) {
      throw new UncheckedIOException("The recording proxy could not listen on loopback", failure);
    }
  }

  URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int mark() {
    synchronized (calls) {
      return calls.size();
    }
  }

  List<ProxiedCall> since(int mark) {
    synchronized (calls) {
      return List.copyOf(calls.subList(mark, calls.size()));
    }
  }

  /** When the last answer was sent, or 0 before any. */
  long lastNanos() {
    synchronized (calls) {
      return calls.isEmpty() ? 0 : calls.get(calls.size() - 1).endNanos();
    }
  }

  private void forward(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    int status = 0;
    // Taken before the answer is sent: the operator may act on the answer (release a rotation slot,
    // send its next request) before this thread runs again, so an end taken after sending could
    // overlap the next request and show a concurrency that never was.
    long answering = 0;
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String query = exchange.getRequestURI().getRawQuery();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target.resolve(path + (query == null ? "" : "?" + query)))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (FORWARDED_REQUEST_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                  values.forEach(value -> request.header(name, value));
                }
              });
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while forwarding to the stand-in", interrupted);
      }
      status = response.statusCode();
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (FORWARDED_RESPONSE_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      answering = System.nanoTime();
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    } finally {
      ProxiedCall call =
          new ProxiedCall(
              start, answering != 0 ? answering : System.nanoTime(), method, path, status);
      synchronized (calls) {
        calls.add(call);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
