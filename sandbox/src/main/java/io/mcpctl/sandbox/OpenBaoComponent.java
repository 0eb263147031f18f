package io.mcpctl.sandbox;

import io.mcpctl.openbao.OpenBaoNamespace;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import io.mcpctl.time.GoDuration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenBao stand-in; {@code DIR/openbao.env} (owner-only) holds BAO_ADDR, BAO_TOKEN (its root
 * token) and, over https, BAO_CACERT; {@code DIR/admin-token} (owner-only) holds the root token
 * alone, for the wizard's {@code --admin-token-file}.
 */
public final class OpenBaoComponent implements SandboxComponent {

  private static final Logger LOG = LoggerFactory.getLogger(OpenBaoComponent.class);

  private final int port;
  private final boolean tls;
  private final List<OpenBaoNamespace> namespaces;
  private final int standbys;
  private final Duration replicationLag;
  private volatile OpenBaoStandIn standIn;

  /**
   * @param port a loopback port, or 0 for any free one
   * @param tls whether to serve https with a self-signed CA
   */
  public OpenBaoComponent(int port, boolean tls) {
    this(port, tls, List.of(), 0, Duration.ZERO);
  }

  /**
   * @param namespaces OpenBao namespaces to create at start, as an OpenBao administrator would
   * @param standbys standby nodes behind the same address (0: a single active node)
   * @param replicationLag how far the standbys' state trails the active node's
   */
  public OpenBaoComponent(
      int port,
      boolean tls,
      List<OpenBaoNamespace> namespaces,
      int standbys,
      Duration replicationLag) {
    this.port = port;
    this.tls = tls;
    this.namespaces = List.copyOf(namespaces);
    this.standbys = standbys;
    this.replicationLag = replicationLag;
  }

  /** The namespaces created at start, for the banner. */
  public List<OpenBaoNamespace> namespaces() {
    return namespaces;
  }

  @Override
  public String name() {
    return "OpenBao stand-in";
  }

  @Override
  public void start(SandboxDirectory directory) {
    standIn =
        OpenBaoStandIn.start(
            StandInOptions.defaults().port(port).tls(tls).standbys(standbys, replicationLag));
    namespaces.forEach(namespace -> standIn.createNamespace(namespace.path()));
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("BAO_ADDR", standIn.address().toString());
    environment.put("BAO_TOKEN", standIn.rootToken().reveal());
    if (tls) {
      Path caFile = directory.openBaoCa();
      directory.write(caFile, standIn.caCertificatePem().orElseThrow());
      environment.put("BAO_CACERT", caFile.toString());
    }
    directory.writePrivateEnvFile(directory.openBaoEnv(), environment);
    directory.writePrivateFile(directory.adminToken(), standIn.rootToken().reveal() + "\n");
    LOG.info(
        "OpenBao stand-in listening at {}; environment in {}",
        standIn.address(),
        directory.openBaoEnv());
  }

  @Override
  public void awaitReady() {
    HttpRequest health =
        HttpRequest.newBuilder(standIn.address().resolve("/v1/sys/health?standbyok=true"))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      int status = httpClient().send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        throw new IllegalStateException(
            "The OpenBao stand-in answered its health check with " + status + ".");
      }
      LOG.info("OpenBao stand-in is healthy");
    } catch (IOException e) {
      throw new UncheckedIOException("The OpenBao stand-in did not answer its health check", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking the OpenBao stand-in", e);
    }
  }

  @Override
  public String describe() {
    String cluster =
        standbys == 0
            ? ""
            : " (active node and "
                + standbys
                + (standbys == 1 ? " standby " : " standbys ")
                + GoDuration.format(replicationLag)
                + " behind)";
    String inNamespaces =
        namespaces.isEmpty()
            ? ""
            : "; OpenBao namespaces "
                + String.join(", ", namespaces.stream().map(OpenBaoNamespace::path).toList());
    return "OpenBao stand-in at " + address() + cluster + inNamespaces;
  }

  /** The address clients use, e.g. {@code http://127.0.0.1:8200}. */
  public URI address() {
    return standIn.address();
  }

  @Override
  public void close() {
    if (standIn != null) {
      standIn.close();
      LOG.info("OpenBao stand-in stopped");
    }
  }

  private HttpClient httpClient() {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (tls) {
      builder.sslContext(trusting(standIn.caCertificatePem().orElseThrow()));
    }
    return builder.build();
  }

  private static SSLContext trusting(String caPem) {
    try {
      KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
      trustStore.load(null, null);
      trustStore.setCertificateEntry(
          "openbao-stand-in",
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("The stand-in's CA certificate could not be trusted", e);
    }
  }
}
