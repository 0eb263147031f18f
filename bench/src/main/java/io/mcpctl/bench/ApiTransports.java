package io.mcpctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.mcpctl.tls.CipherSuitePreference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The ways {@link TreeRotationRequests} sends: fabric8's HTTP client, the JDK's client alone, or
 * the JDK's blocking {@code HttpsURLConnection}.
 */
final class ApiTransports {

  private ApiTransports() {}

  /** fabric8's HTTP client of {@code client}: its interceptors, credentials and TLS. */
  static TreeRotationRequests.Transport fabric8(KubernetesClient client) {
    HttpClient http = client.getHttpClient();
    return (method, url, contentType, body) -> {
      HttpRequest.Builder request = http.newHttpRequestBuilder().uri(url);
      if (body != null) {
        request.method(method, contentType, body);
      }
      try {
        HttpResponse<byte[]> response = http.sendAsync(request.build(), byte[].class).get();
        return answer(response.code(), response.body());
      } catch (ExecutionException failure) {
        throw new IllegalStateException("The API request failed", failure.getCause());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted", interrupted);
      }
    };
  }

  /**
   * The JDK's client, blocking, with the kubeconfig's trust, keys and bearer token as fabric8 would
   * set them, and ChaCha20 first as the operator offers it.
   */
  static TreeRotationRequests.Transport jdk(Config config) {
    java.net.http.HttpClient http;
    try {
      http =
          java.net.http.HttpClient.newBuilder()
              .sslContext(SSLUtils.sslContext(config))
              .sslParameters(CipherSuitePreference.chaChaFirst(List.of()))
              .build();
    } catch (GeneralSecurityException | IOException failure) {
      throw new IllegalStateException("No TLS context for the API server", failure);
    }
    String bearer = Optional.ofNullable(config.getAutoOAuthToken()).orElse(config.getOauthToken());
    return (method, url, contentType, body) -> {
      java.net.http.HttpRequest.Builder request =
          java.net.http.HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", "Bearer " + bearer);
      if (body != null) {
        request.header("Content-Type", contentType).method(method, BodyPublishers.ofString(body));
      }
      try {
        java.net.http.HttpResponse<byte[]> response =
            http.send(request.build(), BodyHandlers.ofByteArray());
        return answer(response.statusCode(), response.body());
      } catch (IOException failure) {
        throw new IllegalStateException("The API request failed", failure);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted", interrupted);
      }
    };
  }

  /**
   * The JDK's blocking {@code HttpsURLConnection}, which sends and reads on the calling thread (no
   * selector thread, no asynchronous hand-offs), with the same trust, keys, token and cipher order.
   * It has no PATCH, so the status patch goes through {@link #jdk}.
   */
  static TreeRotationRequests.Transport urlConnection(Config config) {
    SSLSocketFactory sockets;
    try {
      sockets = new ChaChaFirstSockets(SSLUtils.sslContext(config).getSocketFactory());
    } catch (GeneralSecurityException | IOException failure) {
      throw new IllegalStateException("No TLS context for the API server", failure);
    }
    TreeRotationRequests.Transport patches = jdk(config);
    String bearer = Optional.ofNullable(config.getAutoOAuthToken()).orElse(config.getOauthToken());
    return (method, url, contentType, body) -> {
      if (method.equals("PATCH")) {
        return patches.send(method, url, contentType, body);
      }
      try {
        HttpsURLConnection connection =
            (HttpsURLConnection) URI.create(url).toURL().openConnection();
        connection.setSSLSocketFactory(sockets);
        if (config.isTrustCerts()) {
          connection.setHostnameVerifier((host, session) -> true);
        }
        connection.setRequestMethod(method);
        connection.setRequestProperty("Authorization", "Bearer " + bearer);
        connection.setRequestProperty("Accept", "application/json");
        if (body != null) {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          connection.setRequestProperty("Content-Type", contentType);
          connection.setDoOutput(true);
          connection.setFixedLengthStreamingMode(bytes.length);
          try (OutputStream out = connection.getOutputStream()) {
            out.write(bytes);
          }
        }
        int code = connection.getResponseCode();
        try (InputStream in =
            code >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
          return answer(code, in == null ? new byte[0] : in.readAllBytes());
        }
      } catch (IOException failure) {
        throw new IllegalStateException("The API request failed", failure);
      }
    };
  }

  /** Sockets offering ChaCha20 first, as the operator's clients do. */
  private static final class ChaChaFirstSockets extends SSLSocketFactory {
    private final SSLSocketFactory sockets;
    private final String[] suites;

    ChaChaFirstSockets(SSLSocketFactory sockets) {
      this.sockets = sockets;
      this.suites = CipherSuitePreference.chaChaFirst(List.of()).getCipherSuites();
    }

    private Socket ordered(Socket socket) {
      ((SSLSocket) socket).setEnabledCipherSuites(suites);
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return suites;
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return sockets.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean close) throws IOException {
      return ordered(sockets.createSocket(s, host, port, close));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return ordered(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return ordered(sockets.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return ordered(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
        throws IOException {
      return ordered(sockets.createSocket(address, port, local, localPort));
    }
  }

  private static JsonNode answer(int code, byte[] body) {
    if (code >= 300) {
      throw new IllegalStateException("The API answered HTTP " + code);
    }
    try {
      return TreeRotationRequests.JSON.readTree(body);
    } catch (IOException unreadable) {
      throw new IllegalStateException("The API's answer is not JSON", unreadable);
    }
  }
}
