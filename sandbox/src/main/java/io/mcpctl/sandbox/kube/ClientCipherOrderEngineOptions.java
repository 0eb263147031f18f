package io.mcpctl.sandbox.kube;

import io.mcpctl.sandbox.tls.ClientCipherOrder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Vert.x's JDK TLS engine, choosing cipher suites in the client's order as kube-apiserver does
 * ({@link ClientCipherOrder}); Vert.x offers no option for it, so every engine is adjusted as it is
 * made.
 */
final class ClientCipherOrderEngineOptions extends JdkSSLEngineOptions {

  ClientCipherOrderEngineOptions() {}

  private ClientCipherOrderEngineOptions(ClientCipherOrderEngineOptions other) {
    super(other);
  }

  @Override
  public ClientCipherOrderEngineOptions copy() {
    return new ClientCipherOrderEngineOptions(this);
  }

  @Override
  public SslContextFactory sslContextFactory() {
    return new ClientOrderFactory(super.sslContextFactory());
  }

  /** Passes every setting on to Vert.x's own factory and wraps the context it makes. */
  private static final class ClientOrderFactory implements SslContextFactory {
    private final SslContextFactory jdk;

    ClientOrderFactory(SslContextFactory jdk) {
      this.jdk = jdk;
    }

    @Override
    public SslContextFactory useAlpn(boolean useAlpn) {
      jdk.useAlpn(useAlpn);
      return this;
    }

    @Override
    public SslContextFactory clientAuth(ClientAuth clientAuth) {
      jdk.clientAuth(clientAuth);
      return this;
    }

    @Override
    public SslContextFactory forClient(boolean forClient) {
      jdk.forClient(forClient);
      return this;
    }

    @Override
    public SslContextFactory keyMananagerFactory(KeyManagerFactory factory) {
      jdk.keyMananagerFactory(factory);
      return this;
    }

    @Override
    public SslContextFactory trustManagerFactory(TrustManagerFactory factory) {
      jdk.trustManagerFactory(factory);
      return this;
    }

    @Override
    public SslContextFactory enabledCipherSuites(Set<String> suites) {
      jdk.enabledCipherSuites(suites);
      return this;
    }

    @Override
    public SslContextFactory applicationProtocols(List<String> protocols) {
      jdk.applicationProtocols(protocols);
      return this;
    }

    @Override
    public SslContextFactory serverName(String serverName) {
      jdk.serverName(serverName);
      return this;
    }

    @Override
    public SslContext create() throws SSLException {
      return new DelegatingSslContext(jdk.create()) {
        @Override
        protected void initEngine(SSLEngine engine) {
          ClientCipherOrder.apply(engine);
        }
      };
    }
  }
}
