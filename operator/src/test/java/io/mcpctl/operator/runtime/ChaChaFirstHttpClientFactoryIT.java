package io.mcpctl.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * The operator's API client offers ChaCha20 first, and an API server that follows the client's
 * order (as kube-apiserver does) answers with it.
 */
class ChaChaFirstHttpClientFactoryIT {

  @Test
  void theApiServerAnswersWithChaCha20() throws Exception {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      Config kubeconfig =
          new ConfigBuilder(api.clientConfig()).withTlsVersions(TlsVersion.TLS_1_3).build();
      // The context fabric8 builds for this kubeconfig (it trusts the self-signed API server).
      SSLContext context =
          SSLUtils.sslContext(SSLUtils.keyManagers(kubeconfig), SSLUtils.trustManagers(kubeconfig));
      HttpClient.Builder builder = HttpClient.newBuilder().sslContext(context);
      new ChaChaFirstHttpClientFactory(kubeconfig).additionalConfig(builder);

      HttpResponse<Void> answer =
          builder
              .build()
              .send(
                  HttpRequest.newBuilder(api.address().resolve("/version")).build(),
                  HttpResponse.BodyHandlers.discarding());

      assertThat(answer.sslSession().orElseThrow().getCipherSuite())
          .isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
      assertThat(answer.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
    }
  }
}
