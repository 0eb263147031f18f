package io.mcpctl.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.mcpctl.cli.common.DirectKubeconfig.ClientCertificate;
import io.mcpctl.kube.KubeStatus;
import io.mcpctl.tls.TrustManagers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link KubeApi} over the JDK's HTTP client with what {@link DirectKubeconfig} read: the
 * kubeconfig's server, its bearer token and client certificate. Redirects are not followed: the
 * token goes to the kubeconfig's server only. Neither fabric8's client nor its logging starts.
 */
final class DirectKubeApi implements KubeApi {

  // As KubeClients: a plugin is interactive, it fails within seconds.
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** The pass phrase fabric8 gives the in-memory key store it makes of a PEM key. */
  private static final String FABRIC8_KEY_PASSPHRASE = "changeit";

  private final String server;
  private final String token;
  private final String namespace;
  private final HttpClient http;

  private DirectKubeApi(String server, String token, String namespace, HttpClient http) {
    this.server = server;
    this.token = token;
    this.namespace = namespace;
    this.http = http;
  }

  /** Sends nothing yet: the first {@link #get} connects. */
  static DirectKubeApi open(DirectKubeconfig kubeconfig) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECTION_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(tls(kubeconfig))
            .build();
    return new DirectKubeApi(
        kubeconfig.server(), kubeconfig.token().orElse(null), kubeconfig.namespace(), http);
  }

  /**
   * kubectl's rules: {@code insecure-skip-tls-verify} trusts any server under any name; a CA trusts
   * servers it signed and nothing else; neither, the JDK's trusted CAs. The client certificate's
   * key is read by fabric8's own code (PKCS#1, SEC1 and PKCS#8 keys, see {@link
   * ClientKeyAlgorithm}).
   */
  private static SSLContext tls(DirectKubeconfig kubeconfig) {
    try {
      TrustManager[] trust;
      if (kubeconfig.insecure()) {
        trust = TrustManagers.everything();
      } else if (kubeconfig.authorities().isPresent()) {
        trust = TrustManagers.only(kubeconfig.authorities().get());
      } else {
        TrustManagerFactory jdk =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        trust = jdk.getTrustManagers();
      }
      KeyManager[] keys = null;
      if (kubeconfig.clientCertificate().isPresent()) {
        ClientCertificate client = kubeconfig.clientCertificate().get();
        keys =
            SSLUtils.keyManagers(
                client.certData(),
                client.certFile(),
                client.keyData(),
                client.keyFile(),
                ClientKeyAlgorithm.of(client.keyData(), client.keyFile()),
                FABRIC8_KEY_PASSPHRASE,
                null,
                null);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException | IOException unusable) {
      // fabric8's client fails the same way on the same files.
      throw KubernetesClientException.launderThrowable(unusable);
    }
  }

  @Override
  public Optional<JsonNode> get(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    if (token != null && !token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException unreachable) {
      throw new KubernetesClientException("The Kubernetes API could not be reached", unreachable);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("Interrupted while waiting for the Kubernetes API");
    }
    int code = response.statusCode();
    if (code == 404) {
      return Optional.empty();
    }
    if (code / 100 != 2) {
      throw KubeStatus.failure(code, response.body());
    }
    return Optional.of(KubeJson.tree(response.body()));
  }

  @Override
  public String configuredNamespace() {
    return namespace;
  }

  @Override
  public void close() {
    // A JDK 17 client cannot be closed; its selector thread ends with the plugin
    // (ExitWithoutPause).
  }
}
