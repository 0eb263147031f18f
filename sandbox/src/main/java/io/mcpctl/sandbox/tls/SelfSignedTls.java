package io.mcpctl.sandbox.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate authority and a server certificate it signed for {@code localhost},
 * {@code 127.0.0.1} and {@code ::1}, built at start so clients can verify TLS with a CA bundle.
 */
public final class SelfSignedTls {
  private static final char[] KEY_STORE_PASSWORD = "stand-in".toCharArray();

  private final X509Certificate caCertificate;
  private final SSLContext sslContext;

  private SelfSignedTls(X509Certificate caCertificate, SSLContext sslContext) {
    this.caCertificate = caCertificate;
    this.sslContext = sslContext;
  }

  public static SelfSignedTls generate(Instant now) {
    try {
      KeyPair caKeys = Certificates.ecKeyPair();
      KeyPair serverKeys = Certificates.ecKeyPair();
      Instant notBefore = now.minus(Duration.ofHours(1));
      Instant notAfter = now.plus(Duration.ofDays(3650));
      String caName = "mcpctl sandbox OpenBao CA";
      X509Certificate ca =
          Certificates.certificate(
              Certificates.name(caName, List.of()),
              Certificates.name(caName, List.of()),
              caKeys.getPublic(),
              caKeys.getPrivate(),
              notBefore,
              notAfter,
              Certificates.caExtensions());
      X509Certificate server =
          Certificates.certificate(
              Certificates.name(caName, List.of()),
              Certificates.name("localhost", List.of()),
              serverKeys.getPublic(),
              caKeys.getPrivate(),
              notBefore,
              notAfter,
              serverExtensions());
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "server",
          serverKeys.getPrivate(),
          KEY_STORE_PASSWORD,
          new X509Certificate[] {server, ca});
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keyStore, KEY_STORE_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, new SecureRandom());
      return new SelfSignedTls(ca, context);
    } catch (GeneralSecurityException | IOException failure) {
      throw new IllegalStateException(
          "The stand-in could not create its TLS certificate.", failure);
    }
  }

  public SSLContext sslContext() {
    return sslContext;
  }

  public String caCertificatePem() {
    try {
      return Certificates.pem("CERTIFICATE", caCertificate.getEncoded());
    } catch (CertificateEncodingException impossible) {
      throw new IllegalStateException(
          "The stand-in CA certificate could not be encoded.", impossible);
    }
  }

  private static byte[] serverExtensions() {
    byte[] loopbackV4 = {127, 0, 0, 1};
    byte[] loopbackV6 = new byte[16];
    loopbackV6[15] = 1;
    byte[] subjectAltNames =
        Der.sequence(
            Der.contextTag(2, false, "localhost".getBytes(StandardCharsets.US_ASCII)),
            Der.contextTag(7, false, loopbackV4),
            Der.contextTag(7, false, loopbackV6));
    return Der.sequence(
        Certificates.extension("2.5.29.19", true, Der.sequence()),
        Certificates.extension("2.5.29.15", true, Der.bitString(7, new byte[] {(byte) 0x80})),
        Certificates.extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))),
        Certificates.extension("2.5.29.17", false, subjectAltNames));
  }
}
