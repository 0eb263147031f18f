package io.mcpctl.openbao;

import io.mcpctl.tls.TrustManagers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Builds the SSLContext for a connection: no verification, a PEM CA bundle, for plain http without
 * either one that trusts nothing, else the JDK's.
 */
final class TlsContexts {

  private TlsContexts() {}

  static SSLContext forConnection(OpenBaoConnection connection) {
    try {
      if (connection.insecureSkipVerify()) {
        return context(TrustManagers.everything());
      }
      if (connection.caBundlePem().isPresent()) {
        return context(trustOnly(connection.caBundlePem().get()));
      }
      if ("http".equalsIgnoreCase(connection.address().getScheme())) {
        // Never used: plain http makes no handshake and redirects are not followed. The JDK's own
        // context would read its whole trust store first, a tenth of a second of a short command.
        return context(new TrustManager[0]);
      }
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalArgumentException when the PEM holds no readable certificate
   */
  static TrustManager[] trustOnly(String caBundlePem) throws GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try {
      certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(caBundlePem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "The CA bundle is not valid PEM; pass the PEM file with the certificate(s) that sign the"
              + " OpenBao server certificate.",
          e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(
          "The CA bundle contains no certificate; pass the PEM file with the certificate(s) that"
              + " sign the OpenBao server certificate.");
    }
    return TrustManagers.only(certificates);
  }

  private static SSLContext context(TrustManager[] trustManagers) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers, null);
    return context;
  }
}
