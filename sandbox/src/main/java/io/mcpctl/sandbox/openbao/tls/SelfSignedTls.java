package io.mcpctl.sandbox.openbao.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate authority and a server certificate it signed for {@code localhost},
 * {@code 127.0.0.1} and {@code ::1}, built at start so clients can verify TLS with a CA bundle.
 */
public final class SelfSignedTls {
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final char[] KEY_STORE_PASSWORD = "stand-in".toCharArray();

  private final X509Certificate caCertificate;
  private final SSLContext sslContext;

  private SelfSignedTls(X509Certificate caCertificate, SSLContext sslContext) {
    this.caCertificate = caCertificate;
    this.sslContext = sslContext;
  }

  public static SelfSignedTls generate(Instant now) {
    try {
      KeyPair caKeys = ecKeyPair();
      KeyPair serverKeys = ecKeyPair();
      Instant notBefore = now.minus(Duration.ofHours(1));
      Instant notAfter = now.plus(Duration.ofDays(3650));
      String caName = "mcpctl sandbox OpenBao CA";
      X509Certificate ca =
          certificate(
              caName,
              caName,
              caKeys.getPublic(),
              caKeys.getPrivate(),
              notBefore,
              notAfter,
              caExtensions());
      X509Certificate server =
          certificate(
              caName,
              "localhost",
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
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(caCertificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException impossible) {
      throw new IllegalStateException(
          "The stand-in CA certificate could not be encoded.", impossible);
    }
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(
      String issuer,
      String subject,
      PublicKey subjectKey,
      PrivateKey signingKey,
      Instant notBefore,
      Instant notAfter,
      byte[] extensions)
      throws GeneralSecurityException {
    byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
    byte[] tbs =
        Der.sequence(
            Der.contextTag(0, true, Der.integer(BigInteger.TWO)),
            Der.integer(new BigInteger(120, new SecureRandom()).add(BigInteger.ONE)),
            algorithm,
            name(issuer),
            Der.sequence(Der.time(notBefore), Der.time(notAfter)),
            name(subject),
            subjectKey.getEncoded(),
            Der.contextTag(3, true, extensions));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(signingKey);
    signer.update(tbs);
    byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(0, signer.sign()));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(certificate));
  }

  private static byte[] name(String commonName) {
    return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
  }

  private static byte[] caExtensions() {
    return Der.sequence(
        extension("2.5.29.19", true, Der.sequence(Der.bool(true))),
        extension("2.5.29.15", true, Der.bitString(1, new byte[] {0x06})));
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
        extension("2.5.29.19", true, Der.sequence()),
        extension("2.5.29.15", true, Der.bitString(7, new byte[] {(byte) 0x80})),
        extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))),
        extension("2.5.29.17", false, subjectAltNames));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }
}
