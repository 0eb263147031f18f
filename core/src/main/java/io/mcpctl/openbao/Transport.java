package io.mcpctl.openbao;

import io.mcpctl.tls.CipherSuitePreference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one API call: builds the request (token, namespace, JSON body), retries an idempotent read
 * once when the connection is cut, and maps I/O failures to typed exceptions. Logs method, path and
 * status only.
 */
final class Transport {

  private static final Logger LOG = LoggerFactory.getLogger(OpenBaoClient.class);

  static final String TOKEN_HEADER = "X-Vault-Token";
  static final String NAMESPACE_HEADER = "X-Vault-Namespace";

  /** After the request's timeout, so that a slow status line is still reported as the client's. */
  private static final Duration BODY_MARGIN = Duration.ofSeconds(1);

  private final OpenBaoConnection connection;
  private final RequestObserver observer;
  private final HttpClient http;

  Transport(OpenBaoConnection connection, RequestObserver observer) {
    this.connection = connection;
    this.observer = observer;
    SSLContext tls = TlsContexts.forConnection(connection);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connection.connectTimeout())
            .sslContext(tls)
            .sslParameters(CipherSuitePreference.chaChaFirst(tls))
            // A standby's redirect would carry the token to another host; report it instead.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  OpenBaoConnection connection() {
    return connection;
  }

  /**
   * One API call.
   *
   * @param operation what kind of call this is, for the {@link RequestObserver}
   * @param path relative to {@code /v1/}, already URL-encoded, optionally with a query
   * @param jsonBody the request body, or null for none
   * @param retryOnReset true only for calls that change nothing (reads, lookups); such a call is
   *     sent at most twice when its connection is cut
   */
  Response send(
      OpenBaoOperation operation,
      String method,
      String path,
      String jsonBody,
      VaultToken token,
      boolean retryOnReset) {
    return send(
        operation, method, path, jsonBody, token, retryOnReset, connection.requestTimeout());
  }

  /** As above, waiting up to {@code timeout} for the whole answer. */
  Response send(
      OpenBaoOperation operation,
      String method,
      String path,
      String jsonBody,
      VaultToken token,
      boolean retryOnReset,
      Duration timeout) {
    String request = method + " " + path;
    HttpRequest httpRequest = build(method, path, jsonBody, token, timeout);
    int attempts = retryOnReset && !retriedByHttpClient(method) ? 2 : 1;
    for (int attempt = 1; ; attempt++) {
      long started = System.nanoTime();
      try {
        HttpResponse<String> answer = exchange(httpRequest, timeout);
        LOG.debug("OpenBao {} -> {}", request, answer.statusCode());
        observe(operation, OpenBaoOutcome.ofAnswer(operation, answer.statusCode()), started);
        return new Response(request, answer.statusCode(), answer.body(), answer.headers());
      } catch (LimitedBody.TooLongException tooLong) {
        observe(operation, OpenBaoOutcome.ofAnswer(operation, tooLong.status()), started);
        if (tooLong.status() < 200 || tooLong.status() >= 300) {
          // The status still says what happened (a refusal, a rate limit, a gateway giving up);
          // only the body, OpenBao's words, is dropped.
          throw ErrorClassifier.fromResponse(
              request, tooLong.status(), "", tooLong.header("Retry-After"), Optional.empty());
        }
        throw new UnexpectedResponseException(
            "OpenBao at "
                + connection.address()
                + " answered "
                + request
                + " with more than "
                + connection.maxAnswerBytes() / 1024
                + " KiB, longer than any answer to it can be; check that the address is OpenBao's.",
            request,
            tooLong.status(),
            null);
      } catch (IOException e) {
        OpenBaoException failure = ErrorClassifier.fromIoFailure(request, connection.address(), e);
        observe(operation, OpenBaoOutcome.ofNoAnswer(failure), started);
        boolean reset =
            failure instanceof UnreachableException u
                && u.reason() == UnreachableException.Reason.CONNECTION_RESET;
        if (reset && attempt < attempts) {
          LOG.debug("OpenBao {} lost its connection; retrying once", request);
          continue;
        }
        LOG.debug("OpenBao {} failed: {}", request, failure.getMessage());
        throw failure;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        observe(operation, OpenBaoOutcome.UNREACHABLE, started);
        throw ErrorClassifier.unreachable(
            request, connection.address(), UnreachableException.Reason.INTERRUPTED, e);
      }
    }
  }

  /**
   * Sends and waits for the whole answer. The request's own timeout ends only the wait for the
   * status line and headers; this wait also ends an answer whose body trickles in, which would
   * otherwise hold the caller (and a rotation slot) for as long as the server likes.
   */
  private HttpResponse<String> exchange(HttpRequest request, Duration timeout)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<String>> answer =
        http.sendAsync(request, LimitedBody.handler(connection.maxAnswerBytes()));
    try {
      return answer.get(timeout.plus(BODY_MARGIN).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException slow) {
      answer.cancel(true);
      throw new HttpTimeoutException("the whole answer did not arrive within " + timeout);
    } catch (InterruptedException interrupted) {
      answer.cancel(true);
      throw interrupted;
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause);
    }
  }

  private void observe(OpenBaoOperation operation, OpenBaoOutcome outcome, long startedNanos) {
    observer.exchanged(operation, outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  /**
   * The JDK client already re-sends a GET or HEAD once when its connection closes before any
   * answer; retrying again here would make it four attempts instead of two.
   */
  private static boolean retriedByHttpClient(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  private HttpRequest build(
      String method, String path, String jsonBody, VaultToken token, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(connection.address() + "/v1/" + path))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("X-Vault-Request", "true");
    if (token != null) {
      builder.header(TOKEN_HEADER, token.reveal());
    }
    if (connection.namespace().isPresent() && !OpenBaoPaths.isRootOnlySysApi(path)) {
      builder.header(NAMESPACE_HEADER, connection.namespace().get());
    }
    if (jsonBody == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder.header("Content-Type", "application/json");
      builder.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    return builder.build();
  }

  /** A raw answer; {@link #request()} is {@code METHOD path} for messages. */
  record Response(String request, int status, String body, HttpHeaders headers) {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    @Override
    public String toString() {
      return "Response[" + request + " -> " + status + "]";
    }
  }
}
