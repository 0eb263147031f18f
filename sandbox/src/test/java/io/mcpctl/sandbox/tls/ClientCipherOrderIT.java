package io.mcpctl.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/**
 * Both stand-ins let the client's order pick between AES-GCM and ChaCha20-Poly1305, as Go's TLS
 * servers do; a JDK server left to its defaults would answer AES-GCM to both clients.
 */
class ClientCipherOrderIT {

  private static final String CHACHA = "TLS_CHACHA20_POLY1305_SHA256";
  private static final String AES = "TLS_AES_128_GCM_SHA256";

  @Test
  void theEmbeddedApiServerFollowsTheClientsOrder() throws Exception {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      URI version = api.address().resolve("/version");
      assertThat(negotiated(version, CHACHA, AES)).isEqualTo(CHACHA);
      assertThat(negotiated(version, AES, CHACHA)).isEqualTo(AES);
    }
  }

  @Test
  void theOpenBaoStandInFollowsTheClientsOrder() throws Exception {
    try (OpenBaoStandIn bao = OpenBaoStandIn.start(StandInOptions.defaults().tls(true))) {
      URI health = bao.address().resolve("/v1/sys/health");
      assertThat(negotiated(health, CHACHA, AES)).isEqualTo(CHACHA);
      assertThat(negotiated(health, AES, CHACHA)).isEqualTo(AES);
    }
  }

  private static String negotiated(URI target, String... suitesInOrder) throws Exception {
    SSLContext trustingAll = SSLContext.getInstance("TLS");
    trustingAll.init(null, new TrustManager[] {new TrustAll()}, null);
    SSLParameters parameters = new SSLParameters(suitesInOrder, new String[] {"TLSv1.3"});
    HttpResponse<Void> answer =
        HttpClient.newBuilder()
            .sslContext(trustingAll)
            .sslParameters(parameters)
            .build()
            .send(HttpRequest.newBuilder(target).build(), HttpResponse.BodyHandlers.discarding());
    return answer.sslSession().orElseThrow().getCipherSuite();
  }

  /**
   * The servers' certificates are self-signed and only the cipher suite matters here; an extended
   * trust manager, so the JDK adds no host name check either.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
