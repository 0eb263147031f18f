package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Plain HTTP against the embedded API, for what a typed client hides: headers, bodies, codes. */
final class RawApi {

  record Response(int code, String contentType, JsonNode json) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http;
  private final String base;

  RawApi(EmbeddedKubernetes kube, KubernetesClient client) {
    this.http = client.getHttpClient();
    this.base = kube.address().toString();
  }

  Response get(String path) {
    return get(path, "application/json");
  }

  Response get(String path, String accept) {
    return send(http.newHttpRequestBuilder().uri(base + path).header("Accept", accept).build());
  }

  Response send(String method, String path, String contentType, String body) {
    return send(
        http.newHttpRequestBuilder()
            .uri(base + path)
            .method(method, contentType, body)
            .header("Accept", "application/json")
            .build());
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          http.sendAsync(request, String.class).get(20, TimeUnit.SECONDS);
      String body = response.body();
      return new Response(
          response.code(),
          response.header("Content-Type"),
          body == null || body.isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(body));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException | IOException e) {
      throw new IllegalStateException("The request to " + request.uri() + " failed", e);
    }
  }
}
