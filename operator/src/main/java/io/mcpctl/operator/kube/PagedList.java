package io.mcpctl.operator.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.mcpctl.kube.KubeStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A namespaced list read a page at a time ({@code limit} and {@code continue}, as kubectl reads
 * one), each item handed over as plain JSON maps, one at a time: no fabric8 model is bound.
 * Requests go through fabric8's HTTP client, so its credentials, interceptors (the request counter)
 * and timeouts apply.
 *
 * <p>Whoever may create pods in one namespace may make each as large as the API server allows
 * (about 1.5 MB), and a page of 500 such pods would take more heap than the operator has; it would
 * die, and with it every other namespace's rotations. So a page is read to at most {@link
 * #MAX_PAGE_BYTES}, a larger one is asked for again with fewer items, its items are parsed one by
 * one, and only {@link #PAGES_AT_ONCE} pages are held across the operator at any time.
 */
final class PagedList {

  /** kubectl's default {@code --chunk-size}. */
  static final int PAGE_SIZE = 500;

  /** The most of one answer read: 500 ordinary pods take 4–8 MB. */
  static final int MAX_PAGE_BYTES = 8 << 20;

  /** Pages held in memory at once, across all reconciles. */
  static final int PAGES_AT_ONCE = 2;

  /** The most of a refusal's answer read: a Status takes a few hundred bytes. */
  private static final int ERROR_BODY_BYTES = 64 << 10;

  /** How much smaller the next page is asked for when one was too large. */
  private static final int SHRINK = 8;

  /** How long one page may take when the client's request timeout says nothing. */
  private static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

  private static final Semaphore PAGES_IN_MEMORY = new Semaphore(PAGES_AT_ONCE, true);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final TypeReference<Map<String, Object>> ITEM = new TypeReference<>() {};

  private PagedList() {}

  /**
   * Hands each item of {@code collection} to {@code each}, in the API's order.
   *
   * @param collection the list's path, such as {@code /api/v1/namespaces/NS/pods}
   * @param what the list in words, for the errors this class raises itself
   * @param maxPageBytes the most of one answer read ({@link #MAX_PAGE_BYTES}; less in tests)
   * @throws KubernetesClientException when the API refuses or answers with no list
   */
  static void forEach(
      KubernetesClient client,
      String collection,
      String what,
      int pageSize,
      int maxPageBytes,
      Consumer<Map<String, Object>> each) {
    Optional<String> next = Optional.empty();
    int limit = pageSize;
    while (true) {
      String page =
          collection
              + "?limit="
              + limit
              + next.map(token -> "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                  .orElse("");
      awaitRoom(what);
      try {
        Answer answer = read(client, page, maxPageBytes, what);
        if (answer instanceof Answer.Absent) {
          return;
        }
        if (answer instanceof Answer.TooLarge) {
          if (limit == 1) {
            throw new KubernetesClientException(
                "The API answered "
                    + what
                    + " with an item larger than "
                    + maxPageBytes
                    + " bytes; it is not read.");
          }
          // The same page again, with fewer items; the rest of the list as small.
          limit = Math.max(1, limit / SHRINK);
          continue;
        }
        next = items(((Answer.Read) answer).body(), what, each);
        if (next.isEmpty()) {
          return;
        }
        // Back towards the usual page once the large items are behind.
        limit = Math.min(pageSize, limit * 2);
      } finally {
        PAGES_IN_MEMORY.release();
      }
    }
  }

  private static void awaitRoom(String what) {
    try {
      PAGES_IN_MEMORY.acquire();
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("Interrupted before reading " + what + ".");
    }
  }

  /** What one GET of a page came back with. */
  private sealed interface Answer {
    record Read(Received body) implements Answer {}

    record TooLarge() implements Answer {}

    record Absent() implements Answer {}
  }

  /** The bytes of one answer, parsed where they were received (no copy). */
  private static final class Received extends ByteArrayOutputStream {

    private long limit;
    private boolean overflowed;

    Received(long limit) {
      this.limit = limit;
    }

    /** Takes {@code buffer} whole; false, taking nothing, when it would pass the limit. */
    synchronized boolean take(ByteBuffer buffer) {
      if (count + (long) buffer.remaining() > limit) {
        overflowed = true;
        return false;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      write(chunk, 0, chunk.length);
      return true;
    }

    synchronized void limitTo(long bytes) {
      limit = bytes;
    }

    synchronized boolean overflowed() {
      return overflowed;
    }

    synchronized JsonParser parser() throws IOException {
      return JSON.getFactory().createParser(buf, 0, count);
    }

    synchronized byte[] bytes() {
      return toByteArray();
    }
  }

  private static Answer read(KubernetesClient client, String path, int maxBytes, String what) {
    HttpClient http = client.getHttpClient();
    long timeout =
        client.getConfiguration().getRequestTimeout() > 0
            ? client.getConfiguration().getRequestTimeout()
            : DEFAULT_TIMEOUT_MILLIS;
    String master = client.getConfiguration().getMasterUrl();
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri((master.endsWith("/") ? master.substring(0, master.length() - 1) : master) + path)
            .header("Accept", "application/json")
            .timeout(timeout, TimeUnit.MILLISECONDS)
            .build();
    Received received = new Received(maxBytes);
    CompletableFuture<HttpResponse<AsyncBody>> answered =
        http.consumeBytes(
            request,
            (buffers, body) -> {
              for (ByteBuffer buffer : buffers) {
                if (!received.take(buffer)) {
                  body.cancel();
                  return;
                }
              }
              body.consume();
            });
    HttpResponse<AsyncBody> response = null;
    try {
      response = answered.get(timeout, TimeUnit.MILLISECONDS);
      if (response.code() == 404) {
        response.body().cancel();
        return new Answer.Absent();
      }
      if (!response.isSuccessful()) {
        // A refusal is a Status of a few hundred bytes; more is not read.
        received.limitTo(ERROR_BODY_BYTES);
      }
      response.body().consume();
      try {
        response.body().done().get(timeout, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | CancellationException stopped) {
        if (!received.overflowed()) {
          throw new KubernetesClientException(
              "The API's answer to " + what + " broke off.", stopped);
        }
      }
      if (!response.isSuccessful()) {
        throw KubeStatus.failure(
            response.code(), received.overflowed() ? new byte[0] : received.bytes());
      }
      return received.overflowed() ? new Answer.TooLarge() : new Answer.Read(received);
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      abandon(answered, response);
      throw new KubernetesClientException("Interrupted while reading " + what + ".");
    } catch (TimeoutException late) {
      // Nothing may go on filling memory, nor hold a connection, once the page is given up.
      abandon(answered, response);
      throw new KubernetesClientException(
          "The API did not answer " + what + " within " + timeout + " ms.");
    } catch (ExecutionException failed) {
      throw KubernetesClientException.launderThrowable(failed.getCause());
    }
  }

  private static void abandon(
      CompletableFuture<HttpResponse<AsyncBody>> answered, HttpResponse<AsyncBody> response) {
    answered.cancel(true);
    answered.thenAccept(late -> late.body().cancel());
    if (response != null) {
      response.body().cancel();
    }
  }

  /** Hands each item over as it is parsed; the next page's token, if any. */
  private static Optional<String> items(
      Received body, String what, Consumer<Map<String, Object>> each) {
    Optional<String> next = Optional.empty();
    boolean listed = false;
    try (JsonParser parser = body.parser()) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw noList(what);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.getCurrentName();
        JsonToken value = parser.nextToken();
        if (field.equals("items") && value == JsonToken.START_ARRAY) {
          listed = true;
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            each.accept(JSON.readValue(parser, ITEM));
          }
          if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw noList(what);
          }
        } else if (field.equals("items") && value == JsonToken.VALUE_NULL) {
          listed = true;
        } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
          next = continueToken(parser);
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException unreadable) {
      // Named, never quoted: a pod's spec may hold secret values.
      throw noList(what);
    }
    if (!listed) {
      throw noList(what);
    }
    return next.filter(token -> !token.isEmpty());
  }

  private static Optional<String> continueToken(JsonParser parser) throws IOException {
    Optional<String> token = Optional.empty();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.getCurrentName();
      JsonToken value = parser.nextToken();
      if (field.equals("continue") && value == JsonToken.VALUE_STRING) {
        token = Optional.of(parser.getText());
      } else {
        parser.skipChildren();
      }
    }
    return token;
  }

  private static KubernetesClientException noList(String what) {
    return new KubernetesClientException("The API answered " + what + " with no list.");
  }
}
