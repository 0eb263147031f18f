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

class PromptExitTest {

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
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<Void> answer =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      List<Thread> selectors =
          Thread.getAllStackTraces().keySet().stream()
              .filter(thread -> !before.contains(thread))
              .filter(PromptExit::isHttpSelector)
              .toList();
      assertThat(answer.statusCode()).isEqualTo(204);
      assertThat(selectors).as("the client's selector thread").hasSize(1);

      PromptExit.stopHttpSelectorThreads();

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
