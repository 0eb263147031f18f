package io.mcpctl.sandbox.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The cipher suite choice of a Go TLS server (kube-apiserver, OpenBao): between AES-GCM and
 * ChaCha20-Poly1305 the client's preference decides (go.dev/blog/tls-cipher-suites), where a JDK
 * server would impose its own order. So the stand-ins negotiate with a client what the real servers
 * would.
 */
public final class ClientCipherOrder {

  private ClientCipherOrder() {}

  /** Server parameters for {@code context}: its default suites, the client's order. */
  public static SSLParameters serverParameters(SSLContext context) {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setUseCipherSuitesOrder(false);
    return parameters;
  }

  /** Makes a server engine follow the client's order among the suites it already enables. */
  public static void apply(SSLEngine engine) {
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setUseCipherSuitesOrder(false);
    engine.setSSLParameters(parameters);
  }
}
