package io.mcpctl.sandbox.openbao;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.sandbox.openbao.pipeline.RequestPipeline;
import io.mcpctl.sandbox.tls.ClientCipherOrder;
import io.mcpctl.sandbox.tls.SelfSignedTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory, OpenBao-compatible HTTP server on loopback, faithful to the behaviours listed in
 * {@code shared/reference/openbao-api.md}: token store with TTLs, periods, orphans and cascading
 * revocation (also on expiry), token roles, ACL policies with OpenBao's matching rules, KV v2 and
 * v1, mounts, health and seal states, and OpenBao's exact status codes and bodies.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.startingNow();
 * try (OpenBaoStandIn bao = OpenBaoStandIn.start(StandInOptions.defaults().clock(clock).tls(true))) {
 *   URI address = bao.address();          // https://127.0.0.1:<port>
 *   VaultToken root = bao.rootToken();    // policy root, never expires
 *   String caPem = bao.caCertificatePem().orElseThrow();
 *   clock.advance(Duration.ofHours(2));   // tokens expire lazily, subtrees with them
 * }
 * }</pre>
 *
 * <h2>Admin API</h2>
 *
 * <p>For scripts and the demo, outside {@code /v1/} and answered even while sealed. Every call must
 * carry the stand-in's root token in {@code X-Vault-Token} (else 403); bodies are JSON; errors are
 * {@code {"errors":["..."]}}.
 *
 * <ul>
 *   <li>{@code POST /_sandbox/seal}, {@code POST /_sandbox/unseal} → 204
 *   <li>{@code POST /_sandbox/standby {"standby":true}}, {@code POST /_sandbox/initialized
 *       {"initialized":false}} → 204
 *   <li>{@code GET /_sandbox/requests} → {@code {"requests":[{"time","method","path","status",
 *       "namespace"?,"token_presented"}]}}; {@code DELETE /_sandbox/requests} clears the log
 *   <li>{@code POST /_sandbox/faults {"method":"POST","path":"auth/token/create/.*","status":503,
 *       "message"?,"retry_after"?:"2s","delay"?:"500ms","drop_connection"?:false,"times"?:1}} →
 *       {@code {"id":"1"}}; {@code GET /_sandbox/faults} lists; {@code DELETE /_sandbox/faults}
 *       clears; {@code DELETE /_sandbox/faults/<id>} removes one
 *   <li>{@code GET /_sandbox/clock} → {@code {"now":"..."}}; {@code POST /_sandbox/clock/advance
 *       {"duration":"1h"}} (409 unless started with a {@link MutableClock})
 *   <li>{@code GET /_sandbox/tokens} → live tokens by accessor, never their values
 * </ul>
 */
public final class OpenBaoStandIn implements AutoCloseable {
  private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final RequestPipeline pipeline;
  private final FaultInjector faults;
  private final RequestLog requestLog;
  private final Clock clock;
  private final URI address;
  private final String caCertificatePem;

  private OpenBaoStandIn(
      HttpServer server,
      ExecutorService executor,
      RequestPipeline pipeline,
      FaultInjector faults,
      RequestLog requestLog,
      Clock clock,
      URI address,
      String caCertificatePem) {
    this.server = server;
    this.executor = executor;
    this.pipeline = pipeline;
    this.faults = faults;
    this.requestLog = requestLog;
    this.clock = clock;
    this.address = address;
    this.caCertificatePem = caCertificatePem;
  }

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, every
    // answer then waits ~40 ms for the client's delayed ACK, which real OpenBao never does.
    // The property is read once per JVM, when the first com.sun.net.httpserver starts.
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
  }

  /** Starts a stand-in: initialised, unsealed, active, with a fresh root token. */
  public static OpenBaoStandIn start(StandInOptions options) {
    Clock clock = options.clock();
    RequestPipeline pipeline =
        new RequestPipeline(clock, options.kvV2Mount().orElse(null), options.leaseTtls());
    pipeline.cluster(options.standbys(), options.replicationLag());
    FaultInjector faults = new FaultInjector();
    RequestLog requestLog = new RequestLog();
    InetSocketAddress bind =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port());
    HttpServer server;
    SelfSignedTls tls = null;
    try {
      if (options.tls()) {
        tls = SelfSignedTls.generate(clock.instant());
        HttpsServer https = HttpsServer.create(bind, 0);
        https.setHttpsConfigurator(
            new HttpsConfigurator(tls.sslContext()) {
              @Override
              public void configure(HttpsParameters parameters) {
                parameters.setSSLParameters(ClientCipherOrder.serverParameters(getSSLContext()));
              }
            });
        server = https;
      } else {
        server = HttpServer.create(bind, 0);
      }
    } catch (IOException bindFailure) {
      throw new UncheckedIOException(
          "The OpenBao stand-in could not listen on "
              + bind
              + "; pick another port or 0 for any free one.",
          bindFailure);
    }
    AdminApi admin = new AdminApi(pipeline, faults, requestLog, clock);
    server.createContext("/", new StandInHttpHandler(pipeline, faults, requestLog, clock, admin));
    ExecutorService executor = Executors.newFixedThreadPool(16, daemonThreads());
    server.setExecutor(executor);
    server.start();
    String scheme = options.tls() ? "https" : "http";
    URI address = URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    return new OpenBaoStandIn(
        server,
        executor,
        pipeline,
        faults,
        requestLog,
        clock,
        address,
        tls == null ? null : tls.caCertificatePem());
  }

  /** {@code http://127.0.0.1:<port>} or {@code https://127.0.0.1:<port>}. */
  public URI address() {
    return address;
  }

  /**
   * The bootstrap root token (policy {@code root}, no TTL), as {@code bao operator init} prints.
   */
  public VaultToken rootToken() {
    return VaultToken.of(pipeline.rootTokenId());
  }

  /** The PEM of the CA that signed the server certificate; empty when serving plain HTTP. */
  public Optional<String> caCertificatePem() {
    return Optional.ofNullable(caCertificatePem);
  }

  /** The single unseal key {@code PUT /v1/sys/unseal} accepts (base64). */
  public String unsealKey() {
    return pipeline.unsealKey();
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Creates the namespace {@code path} (such as {@code team-a/dev}) and any missing level above it,
   * as an OpenBao administrator does with {@code bao namespace create}, each level from inside its
   * parent.
   */
  public void createNamespace(String path) {
    pipeline.createNamespace(path);
  }

  /** Seals: every logical path answers 503 {@code Vault is sealed} until {@link #unseal()}. */
  public void seal() {
    pipeline.seal();
  }

  public void unseal() {
    pipeline.unseal();
  }

  /** As a standby node: health answers 429; requests are still served, as if forwarded. */
  public void setStandby(boolean standby) {
    pipeline.setStandby(standby);
  }

  /** Uninitialised: health answers 501 and the server is sealed. */
  public void setInitialized(boolean initialized) {
    pipeline.setInitialized(initialized);
  }

  public FaultInjector faults() {
    return faults;
  }

  public RequestLog requestLog() {
    return requestLog;
  }

  /** The live token with this accessor, after lazy expiry; empty once revoked or expired. */
  public Optional<TokenSnapshot> tokenByAccessor(String accessor) {
    return pipeline.token(accessor);
  }

  /**
   * Revokes the token with this accessor but leaves its accessor entry behind, as a revocation
   * interrupted half-way leaves it in OpenBao until {@code auth/token/tidy}: listed, then refused
   * by {@code lookup-accessor} (403) and {@code revoke-accessor} (400).
   *
   * @return false when no live token has this accessor
   */
  public boolean revokeLeavingAccessorEntry(String accessor) {
    return pipeline.revokeLeavingAccessorEntry(accessor);
  }

  /** Every live token, after lazy expiry. */
  public List<TokenSnapshot> liveTokens() {
    return pipeline.liveTokens();
  }

  /** Stops listening at once and releases the threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "openbao-stand-in-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
