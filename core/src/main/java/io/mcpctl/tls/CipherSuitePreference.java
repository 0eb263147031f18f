package io.mcpctl.tls;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK's enabled cipher suites with ChaCha20-Poly1305 offered ahead of AES-GCM, nothing added or
 * removed. The operator runs with C1 only, which has no AES or GHASH intrinsics: there AES-GCM
 * costs four times the CPU of ChaCha20-Poly1305 per byte (and with C2 both cost the same). Go's TLS
 * servers, kube-apiserver and OpenBao among them, take ChaCha20 when the client lists it before
 * AES-GCM (go.dev/blog/tls-cipher-suites); a server that insists on AES-GCM still gets it.
 */
public final class CipherSuitePreference {

  private CipherSuitePreference() {}

  /** Client parameters for {@code context}: its default suites, ChaCha20 first. */
  public static SSLParameters chaChaFirst(SSLContext context) {
    SSLParameters defaults = context.getDefaultSSLParameters();
    defaults.setCipherSuites(chaChaFirst(defaults.getCipherSuites()));
    return defaults;
  }

  /**
   * Client parameters for a client that builds its own context from the JDK's provider: the default
   * suites, ChaCha20 first, and {@code protocols} (empty for the JDK's defaults).
   */
  public static SSLParameters chaChaFirst(List<String> protocols) {
    SSLParameters parameters;
    try {
      parameters = chaChaFirst(SSLContext.getDefault());
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("The JDK offers no default TLS context.", missing);
    }
    if (!protocols.isEmpty()) {
      parameters.setProtocols(protocols.toArray(String[]::new));
    }
    return parameters;
  }

  /** The same suites, stable order otherwise, with the ChaCha20 ones moved to the front. */
  static String[] chaChaFirst(String[] suites) {
    // A plain loop: the plugin builds this on its cold start, where a first stream costs more.
    List<String> ordered = new ArrayList<>(suites.length);
    for (String suite : suites) {
      if (isChaCha(suite)) {
        ordered.add(suite);
      }
    }
    for (String suite : suites) {
      if (!isChaCha(suite)) {
        ordered.add(suite);
      }
    }
    return ordered.toArray(new String[0]);
  }

  private static boolean isChaCha(String suite) {
    return suite.contains("_CHACHA20_");
  }
}
