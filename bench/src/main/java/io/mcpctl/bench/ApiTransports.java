package io.mcpctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.mcpctl.tls.CipherSuitePreference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** The two ways {@link TreeRotationRequests} sends: fabric8's HTTP client, or the JDK's alone. */
final class ApiTransports {

  private ApiTransports() {}

  /** fabric8's HTTP client of {@code client}: its interceptors, credentials and TLS. */
  static TreeRotationRequests.Transport fabric8(KubernetesClient client) {
    HttpClient http = client.getHttpClient();
    return (method, url, contentType, body) -> {
      HttpRequest.Builder request = http.newHttpRequestBuilder().uri(url);
      if (body != null) {
        request.method(method, contentType, body);
      }
      try {
        HttpResponse<byte[]> response = http.sendAsync(request.build(), byte[].class).get();
        return answer(response.code(), response.body());
      } catch (ExecutionException failure) {
        throw new IllegalStateException("The API request failed", failure.getCause());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted", interrupted);
      }
    };
  }

  /**
   * The JDK's client, blocking, with the kubeconfig's trust, keys and bearer token as fabric8 would
   * set them, and ChaCha20 first as the operator offers it.
   */
  static TreeRotationRequests.Transport jdk(Config config) {
    java.net.http.HttpClient http;
    try {
      http =
          java.net.http.HttpClient.newBuilder()
              .sslContext(SSLUtils.sslContext(config))
              .sslParameters(CipherSuitePreference.chaChaFirst(List.of()))
              .build();
    } catch (GeneralSecurityException | IOException failure) {
      throw new IllegalStateException("No TLS context for the API server", failure);
    }
    String bearer = Optional.ofNullable(config.getAutoOAuthToken()).orElse(config.getOauthToken());
    return (method, url, contentType, body) -> {
      java.net.http.HttpRequest.Builder request =
          java.net.http.HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", "Bearer " + bearer);
      if (body != null) {
        request.header("Content-Type", contentType).method(method, BodyPublishers.ofString(body));
      }
      try {
        java.net.http.HttpResponse<byte[]> response =
            http.send(request.build(), BodyHandlers.ofByteArray());
        return answer(response.statusCode(), response.body());
      } catch (IOException failure) {
        throw new IllegalStateException("The API request failed", failure);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted", interrupted);
      }
    };
  }

  private static JsonNode answer(int code, byte[] body) {
    if (code >= 300) {
      throw new IllegalStateException("The API answered HTTP " + code);
    }
    try {
      return TreeRotationRequests.JSON.readTree(body);
    } catch (IOException unreadable) {
      throw new IllegalStateException("The API's answer is not JSON", unreadable);
    }
  }
}
