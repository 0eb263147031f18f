package io.mcpctl.sandbox.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** HTTPS with the CA generated at start: trusted with the CA bundle, refused without it. */
class StandInTlsIT {

  @Test
  void httpsIsVerifiableWithTheCaBundleOnly() throws Exception {
    try (OpenBaoStandIn standIn = OpenBaoStandIn.start(StandInOptions.defaults().tls(true))) {
      assertThat(standIn.address().getScheme()).isEqualTo("https");
      String pem = standIn.caCertificatePem().orElseThrow();
      assertThat(pem)
          .startsWith("-----BEGIN CERTIFICATE-----\n")
          .endsWith("-----END CERTIFICATE-----\n");

      X509Certificate ca =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);

      HttpRequest health =
          HttpRequest.newBuilder(standIn.address().resolve("/v1/sys/health")).build();
      HttpResponse<String> trusted =
          HttpClient.newBuilder()
              .sslContext(context)
              .build()
              .send(health, HttpResponse.BodyHandlers.ofString());
      assertThat(trusted.statusCode()).isEqualTo(200);

      HttpRequest byName =
          HttpRequest.newBuilder(
                  URI.create("https://localhost:" + standIn.address().getPort() + "/v1/sys/health"))
              .build();
      assertThat(
              HttpClient.newBuilder()
                  .sslContext(context)
                  .build()
                  .send(byName, HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);

      assertThatThrownBy(
              () -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void plainHttpHasNoCaBundle() {
    try (OpenBaoStandIn standIn = OpenBaoStandIn.start(StandInOptions.defaults())) {
      assertThat(standIn.caCertificatePem()).isEmpty();
      assertThat(standIn.address().getScheme()).isEqualTo("http");
    }
  }
}
