package io.mcpctl.sandbox.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** X.509 pieces the sandbox's throw-away certificate authorities share: keys, names, signing. */
final class Certificates {
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String ORGANIZATION = "2.5.4.10";

  private Certificates() {}

  static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static X509Certificate certificate(
      byte[] issuer,
      byte[] subject,
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
            issuer,
            Der.sequence(Der.time(notBefore), Der.time(notAfter)),
            subject,
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

  static byte[] caExtensions() {
    return Der.sequence(
        extension("2.5.29.19", true, Der.sequence(Der.bool(true))),
        extension("2.5.29.15", true, Der.bitString(1, new byte[] {0x06})));
  }

  /** A subject of one common name and any number of organizations, as Kubernetes reads it. */
  static byte[] name(String commonName, List<String> organizations) {
    byte[][] relativeNames = new byte[organizations.size() + 1][];
    for (int i = 0; i < organizations.size(); i++) {
      relativeNames[i] =
          Der.set(Der.sequence(Der.oid(ORGANIZATION), Der.utf8(organizations.get(i))));
    }
    relativeNames[organizations.size()] =
        Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName)));
    return Der.sequence(relativeNames);
  }

  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }
}
