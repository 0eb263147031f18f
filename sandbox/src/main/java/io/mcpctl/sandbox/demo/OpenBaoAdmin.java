package io.mcpctl.sandbox.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The OpenBao stand-in's admin API ({@code /_sandbox/...}), called over HTTP with the root token
 * from {@code DIR/admin-token}, as a script in another terminal would.
 */
final class OpenBaoAdmin {

  private final URI address;
  private final Path rootTokenFile;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  OpenBaoAdmin(URI address, Path rootTokenFile) {
    this.address = address;
    this.rootTokenFile = rootTokenFile;
  }

  /** How a user would make the same call; names the token variable, never its value. */
  String asCurl(String call) {
    return "curl -X POST -H \"X-Vault-Token: $BAO_TOKEN\" $BAO_ADDR/_sandbox/" + call;
  }

  void seal() {
    post("seal");
  }

  void unseal() {
    post("unseal");
  }

  private void post(String call) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(address.resolve("/_sandbox/" + call))
              .timeout(Duration.ofSeconds(10))
              .header(
                  "X-Vault-Token", Files.readString(rootTokenFile, StandardCharsets.UTF_8).strip())
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 204) {
        throw new StepFailed(
            "The stand-in answered POST /_sandbox/" + call + " with " + status + ".");
      }
    } catch (IOException e) {
      throw new StepFailed("POST /_sandbox/" + call + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailed("Interrupted during POST /_sandbox/" + call + ".");
    }
  }
}
