package io.mcpctl.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
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
    // Both certificates are self-signed and only the suite matters here: fabric8's context for a
    // kubeconfig with insecure-skip-tls-verify.
    Config trustingAll = new ConfigBuilder(Config.empty()).withTrustCerts(true).build();
    SSLContext context = SSLUtils.sslContext(null, SSLUtils.trustManagers(trustingAll));
    SSLParameters parameters = new SSLParameters(suitesInOrder, new String[] {"TLSv1.3"});
    HttpResponse<Void> answer =
        HttpClient.newBuilder()
            .sslContext(context)
            .sslParameters(parameters)
            .build()
            .send(HttpRequest.newBuilder(target).build(), HttpResponse.BodyHandlers.discarding());
    return answer.sslSession().orElseThrow().getCipherSuite();
  }
}
