package io.mcpctl.sandbox.openbao;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw HTTP to the stand-in, for behaviours the client does not expose. */
final class RawBao {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI address;
  private String token;
  private final Map<String, String> headers = new LinkedHashMap<>();

  RawBao(URI address, String token) {
    this.address = address;
    this.token = token;
  }

  static RawBao of(OpenBaoStandIn standIn) {
    return new RawBao(standIn.address(), standIn.rootToken().reveal());
  }

  RawBao as(String newToken) {
    RawBao copy = new RawBao(address, newToken);
    copy.headers.putAll(headers);
    return copy;
  }

  RawBao header(String name, String value) {
    RawBao copy = as(token);
    copy.headers.put(name, value);
    return copy;
  }

  Reply get(String path) {
    return send("GET", path, null);
  }

  Reply list(String path) {
    return send("LIST", path, null);
  }

  Reply post(String path, String json) {
    return send("POST", path, json);
  }

  Reply delete(String path) {
    return send("DELETE", path, null);
  }

  Reply send(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(address.resolve(path.startsWith("/") ? path : "/v1/" + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("X-Vault-Token", token);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One answer: status, headers and body, with the body parsed when it is JSON. */
  static final class Reply {
    final int status;
    final String body;
    final HttpResponse<String> response;

    Reply(HttpResponse<String> response) {
      this.response = response;
      this.status = response.statusCode();
      this.body = response.body();
    }

    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON: " + body, e);
      }
    }

    JsonNode data() {
      return json().path("data");
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
