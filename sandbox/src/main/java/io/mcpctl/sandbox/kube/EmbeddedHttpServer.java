package io.mcpctl.sandbox.kube;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The API's HTTPS listener: fabric8's mock web server handling (requests answered by the
 * dispatcher, WebSocket watches for fabric8 clients), plus what it cannot do, a watch streamed over
 * plain HTTP as kubectl and client-go use it, which this server hands to {@link HttpWatchStream}.
 */
final class EmbeddedHttpServer implements AutoCloseable {

  /** The channel protocols kubectl exec and port-forward offer; fabric8's server accepts them. */
  private static final List<String> WEBSOCKET_SUB_PROTOCOLS =
      List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io");

  /**
   * The client certificate the TLS handshake verified, base64 DER, for the dispatcher's
   * authentication; removed from every incoming request first, so no client can claim one.
   */
  static final String VERIFIED_CLIENT_CERTIFICATE = "X-Embedded-Api-Verified-Client-Certificate";

  private final Vertx vertx;
  private final HttpServer server;
  private final String certificatePem;

  private EmbeddedHttpServer(Vertx vertx, HttpServer server, String certificatePem) {
    this.vertx = vertx;
    this.server = server;
    this.certificatePem = certificatePem;
  }

  /**
   * @param clientCaPem the CA a client certificate must be signed by to authenticate
   */
  static EmbeddedHttpServer start(
      InetAddress address, int port, EmbeddedApiDispatcher dispatcher, String clientCaPem) {
    Vertx vertx = Vertx.vertx();
    SelfSignedCertificate serverCertificate = SelfSignedCertificate.create("localhost");
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(address.getHostAddress())
            .setPort(port)
            .setSsl(true)
            .setSslEngineOptions(new ClientCipherOrderEngineOptions())
            .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
            .setKeyCertOptions(serverCertificate.keyCertOptions())
            // Asked for, checked when given, never required: bearer tokens stay the default.
            .setClientAuth(ClientAuth.REQUEST)
            .setTrustOptions(
                new PemTrustOptions().addCertValue(io.vertx.core.buffer.Buffer.buffer(clientCaPem)))
            .setWebSocketSubProtocols(WEBSOCKET_SUB_PROTOCOLS)
            .setHandle100ContinueAutomatically(true);
    HttpServerRequestHandler mockServerHandling =
        new HttpServerRequestHandler(vertx) {
          @Override
          protected MockResponse onHttpRequest(RecordedRequest request) {
            return dispatcher.dispatch(request);
          }
        };
    HttpServer server =
        vertx
            .createHttpServer(options)
            .requestHandler(
                request -> {
                  request.headers().remove(VERIFIED_CLIENT_CERTIFICATE);
                  verifiedClientCertificate(request)
                      .ifPresent(
                          verified -> request.headers().set(VERIFIED_CLIENT_CERTIFICATE, verified));
                  if (isHttpWatch(request)) {
                    HttpWatchStream.serve(vertx, request, recorded(request), dispatcher);
                  } else {
                    mockServerHandling.handle(request);
                  }
                });
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      vertx.close();
      throw new IllegalStateException("Interrupted while starting the embedded API", e);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw new IllegalStateException(
          "The embedded API could not listen on " + address.getHostAddress() + ":" + port, e);
    }
    String certificatePem;
    try {
      certificatePem = Files.readString(Path.of(serverCertificate.certificatePath()));
    } catch (IOException e) {
      vertx.close();
      throw new UncheckedIOException("The embedded API's certificate could not be read back", e);
    }
    return new EmbeddedHttpServer(vertx, server, certificatePem);
  }

  int port() {
    return server.actualPort();
  }

  /** The self-signed certificate served, made at start for the name {@code localhost}. */
  String certificatePem() {
    return certificatePem;
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Closing on the way out; nothing left to tell.
    }
  }

  private static Optional<String> verifiedClientCertificate(HttpServerRequest request) {
    SSLSession session = request.sslSession();
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length == 0
          ? Optional.empty()
          : Optional.of(Base64.getEncoder().encodeToString(chain[0].getEncoded()));
    } catch (SSLPeerUnverifiedException noCertificate) {
      return Optional.empty();
    } catch (CertificateEncodingException unreadable) {
      return Optional.empty();
    }
  }

  /** A GET with {@code watch=true} (or 1) that does not ask for a WebSocket. */
  private static boolean isHttpWatch(HttpServerRequest request) {
    if (request.method() != io.vertx.core.http.HttpMethod.GET) {
      return false;
    }
    String upgrade = request.getHeader("Upgrade");
    if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
      return false;
    }
    String watch = request.getParam("watch");
    return "true".equals(watch) || "1".equals(watch);
  }

  /** A bodiless GET as fabric8's handler would have recorded it. */
  private static RecordedRequest recorded(HttpServerRequest request) {
    return new RecordedRequest(
        request.version().alpnName().toUpperCase(Locale.ROOT),
        HttpMethod.GET,
        request.uri(),
        Headers.builder().addAll(request.headers()).build(),
        new Buffer());
  }
}
