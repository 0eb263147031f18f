package io.mcpctl.sandbox.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A throw-away authority for client certificates, as a cluster's {@code --client-ca-file} names
 * one: the certificates it issues name a user (the common name) and its groups (the organizations),
 * which is how the API server reads them.
 */
public final class ClientCertificateAuthority {

  private static final String CA_NAME = "mcpctl sandbox client CA";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  /** A client certificate and its private key, both PEM, for a kubeconfig's user. */
  public record ClientCredentials(String certificatePem, String privateKeyPem) {
    @Override
    public String toString() {
      return "ClientCredentials[private key not shown]";
    }
  }

  private final KeyPair keys;
  private final X509Certificate certificate;

  private ClientCertificateAuthority(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  public static ClientCertificateAuthority generate(Instant now) {
    try {
      KeyPair keys = Certificates.ecKeyPair();
      byte[] name = Certificates.name(CA_NAME, List.of());
      return new ClientCertificateAuthority(
          keys,
          Certificates.certificate(
              name,
              name,
              keys.getPublic(),
              keys.getPrivate(),
              now.minus(Duration.ofHours(1)),
              now.plus(Duration.ofDays(3650)),
              Certificates.caExtensions()));
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException(
          "The client certificate authority could not be made.", failure);
    }
  }

  public String caCertificatePem() {
    try {
      return Certificates.pem("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException impossible) {
      throw new IllegalStateException(
          "The client CA certificate could not be encoded.", impossible);
    }
  }

  /** A certificate for {@code user} in {@code groups}, valid for a year from {@code now}. */
  public ClientCredentials issue(String user, List<String> groups, Instant now) {
    try {
      KeyPair client = Certificates.ecKeyPair();
      X509Certificate issued =
          Certificates.certificate(
              Certificates.name(CA_NAME, List.of()),
              Certificates.name(user, groups),
              client.getPublic(),
              keys.getPrivate(),
              now.minus(Duration.ofHours(1)),
              now.plus(Duration.ofDays(365)),
              Der.sequence(
                  Certificates.extension("2.5.29.19", true, Der.sequence()),
                  Certificates.extension(
                      "2.5.29.15", true, Der.bitString(7, new byte[] {(byte) 0x80})),
                  Certificates.extension("2.5.29.37", false, Der.sequence(Der.oid(CLIENT_AUTH)))));
      return new ClientCredentials(
          Certificates.pem("CERTIFICATE", issued.getEncoded()),
          Certificates.pem("PRIVATE KEY", client.getPrivate().getEncoded()));
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("A client certificate could not be issued.", failure);
    }
  }
}
