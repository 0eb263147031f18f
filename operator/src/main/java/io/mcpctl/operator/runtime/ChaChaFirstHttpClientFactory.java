package io.mcpctl.operator.runtime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.mcpctl.tls.CipherSuitePreference;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * fabric8's JDK HTTP client, offering the API server ChaCha20-Poly1305 ahead of AES-GCM ({@link
 * CipherSuitePreference} says why) and the kubeconfig's TLS versions as fabric8 itself would.
 */
public final class ChaChaFirstHttpClientFactory extends JdkHttpClientFactory {

  private final List<String> protocols;

  public ChaChaFirstHttpClientFactory(Config kubeconfig) {
    this.protocols =
        Optional.ofNullable(kubeconfig.getTlsVersions()).stream()
            .flatMap(Arrays::stream)
            .map(TlsVersion::javaName)
            .toList();
  }

  @Override
  protected void additionalConfig(HttpClient.Builder builder) {
    builder.sslParameters(CipherSuitePreference.chaChaFirst(protocols));
  }
}
