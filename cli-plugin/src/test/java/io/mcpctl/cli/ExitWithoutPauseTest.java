package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExitWithoutPauseTest {

  @Test
  void endsTheSelectorThreadOfAClientThatIsStillInUse() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    try {
      Set<Thread> before = Set.copyOf(ExitWithoutPause.httpSelectorThreads());
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<Void> answer =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      // Only this test's client: others in this JVM may still be in use.
      List<Thread> selectors =
          ExitWithoutPause.httpSelectorThreads().stream()
              .filter(thread -> !before.contains(thread))
              .toList();
      assertThat(answer.statusCode()).isEqualTo(204);
      assertThat(selectors).as("the client's selector thread").hasSize(1);

      ExitWithoutPause.stop(selectors);

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(selectors.get(0).isAlive()).isFalse());
      assertThat(client)
          .as("still referenced, so only the interrupt can have ended it")
          .isNotNull();
    } finally {
      server.stop(0);
    }
  }
}
