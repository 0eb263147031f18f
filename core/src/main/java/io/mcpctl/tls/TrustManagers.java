package io.mcpctl.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust managers the project's TLS clients use: exactly some CAs, or the explicit insecure
 * mode.
 */
public final class TrustManagers {

  private TrustManagers() {}

  /** Trusts servers whose chain ends at one of {@code authorities}, and nothing else. */
  public static TrustManager[] only(Collection<? extends Certificate> authorities)
      throws GeneralSecurityException {
    KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      trustStore.load(null, null);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The JDK cannot create an empty trust store.", e);
    }
    int index = 0;
    for (Certificate authority : authorities) {
      trustStore.setCertificateEntry("ca-" + index++, authority);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trustStore);
    return factory.getTrustManagers();
  }

  /**
   * Accepts any certificate and, being an extended trust manager that checks nothing, skips the
   * host name check too: the explicit insecure mode.
   */
  public static TrustManager[] everything() {
    return new TrustManager[] {new TrustEverything()};
  }

  private static final class TrustEverything extends X509ExtendedTrustManager {
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
