package io.mcpctl.openbao;

import static io.mcpctl.openbao.ScriptedServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https with a PEM CA bundle, the JDK trust store, and the explicit insecure mode. */
class OpenBaoClientTlsTest {

  private static final String HEALTH_BODY =
      "{\"initialized\":true,\"sealed\":false,\"standby\":false,\"version\":\"2.6.2\"}";

  @TempDir static Path keys;

  private static TestCertificates forLoopback;
  private static TestCertificates forAnotherHost;
  private static ScriptedServer loopbackServer;
  private static ScriptedServer anotherHostServer;

  @BeforeAll
  static void start() throws Exception {
    forLoopback = TestCertificates.selfSigned(keys, "ip:127.0.0.1,dns:localhost");
    forAnotherHost = TestCertificates.selfSigned(keys, "dns:bao.elsewhere.example");
    loopbackServer =
        ScriptedServer.https(forLoopback.serverContext())
            .on("GET", "/v1/sys/health", json(200, HEALTH_BODY));
    anotherHostServer =
        ScriptedServer.https(forAnotherHost.serverContext())
            .on("GET", "/v1/sys/health", json(200, HEALTH_BODY));
  }

  @AfterAll
  static void stop() {
    loopbackServer.close();
    anotherHostServer.close();
  }

  @Test
  void aPlainHttpAddressGetsAContextThatTrustsNothingInsteadOfReadingTheJdkTrustStore()
      throws Exception {
    SSLContext unused = TlsContexts.forConnection(OpenBaoConnection.of("http://127.0.0.1:8200"));
    assertThat(unused).isNotSameAs(SSLContext.getDefault());

    HttpClient https = HttpClient.newBuilder().sslContext(unused).build();
    URI health = URI.create(loopbackServer.address() + "/v1/sys/health");
    assertThatThrownBy(
            () -> https.send(HttpRequest.newBuilder(health).build(), BodyHandlers.discarding()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void trustsAServerSignedByTheCaBundle() {
    OpenBaoClient client =
        OpenBaoClient.connect(
            OpenBaoConnection.builder(loopbackServer.address().toString())
                .caBundlePem(forLoopback.certificatePem())
                .build());

    assertThat(client.health().state()).isEqualTo(HealthState.ACTIVE);
  }

  @Test
  void refusesAServerTheJdkTrustStoreDoesNotKnow() {
    OpenBaoClient client =
        OpenBaoClient.connect(OpenBaoConnection.of(loopbackServer.address().toString()));

    HealthStatus health = client.health();

    assertThat(health.state()).isEqualTo(HealthState.TLS_REFUSED);
    assertThat(health.detail()).contains("CA bundle");
    assertThatThrownBy(client::sealStatus).isInstanceOf(TlsFailureException.class);
  }

  @Test
  void refusesACertificateForAnotherHostEvenWhenItsCaIsTrusted() {
    OpenBaoClient client =
        OpenBaoClient.connect(
            OpenBaoConnection.builder(anotherHostServer.address().toString())
                .caBundlePem(forAnotherHost.certificatePem())
                .build());

    assertThat(client.health().state()).isEqualTo(HealthState.TLS_REFUSED);
  }

  @Test
  void refusesAServerSignedByAnotherCa() {
    OpenBaoClient client =
        OpenBaoClient.connect(
            OpenBaoConnection.builder(loopbackServer.address().toString())
                .caBundlePem(forAnotherHost.certificatePem())
                .build());

    assertThat(client.health().state()).isEqualTo(HealthState.TLS_REFUSED);
  }

  @Test
  void theInsecureFlagAcceptsAnyCertificateAndHostName() {
    for (ScriptedServer server : new ScriptedServer[] {loopbackServer, anotherHostServer}) {
      OpenBaoClient client =
          OpenBaoClient.connect(
              OpenBaoConnection.builder(server.address().toString())
                  .insecureSkipVerify(true)
                  .build());

      assertThat(client.health().state()).isEqualTo(HealthState.ACTIVE);
    }
  }

  @Test
  void anHttpsAddressForAPlainHttpServerIsATlsRefusal() throws Exception {
    // OpenBao's Go listener answers a TLS hello on a plain port with a plain-text 400.
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread responder =
          new Thread(
              () -> {
                try (Socket socket = plain.accept()) {
                  socket.getInputStream().read(new byte[512]);
                  socket
                      .getOutputStream()
                      .write(
                          ("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                                  + "400 Bad Request")
                              .getBytes(StandardCharsets.US_ASCII));
                  // Go closes its write side and drains what is left before closing
                  // (closeWriteAndWait); closing with an unread hello would send a reset.
                  socket.shutdownOutput();
                  socket.setSoTimeout(2_000);
                  socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                  // the client may already have given up
                }
              });
      responder.start();
      OpenBaoClient client =
          OpenBaoClient.connect(
              OpenBaoConnection.builder("https://127.0.0.1:" + plain.getLocalPort())
                  .insecureSkipVerify(true)
                  .build());

      assertThat(client.health().state()).isEqualTo(HealthState.TLS_REFUSED);
      responder.join(5_000);
    }
  }

  @Test
  void aBundleWithSeveralCertificatesTrustsEachOfThem() {
    String bundle = forAnotherHost.certificatePem() + forLoopback.certificatePem();
    OpenBaoClient client =
        OpenBaoClient.connect(
            OpenBaoConnection.builder(loopbackServer.address().toString())
                .caBundlePem(bundle)
                .build());

    assertThat(client.health().state()).isEqualTo(HealthState.ACTIVE);
  }
}
