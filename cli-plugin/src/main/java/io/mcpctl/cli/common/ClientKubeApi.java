package io.mcpctl.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.mcpctl.kube.KubeStatus;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * {@link KubeApi} through a fabric8 client's HTTP stack: every kubeconfig form fabric8 knows (exec
 * credential plugins and their refresh, auth providers, proxies, merged files, the service account)
 * works here, answered as trees all the same.
 */
final class ClientKubeApi implements KubeApi {

  private final KubernetesClient client;

  ClientKubeApi(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<JsonNode> get(String path) {
    String server = client.getMasterUrl().toString();
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri((server.endsWith("/") ? server.substring(0, server.length() - 1) : server) + path)
            .header("Accept", "application/json")
            .build();
    HttpResponse<byte[]> response;
    try {
      response = client.getHttpClient().sendAsync(request, byte[].class).get();
    } catch (ExecutionException failed) {
      throw KubernetesClientException.launderThrowable(failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("Interrupted while waiting for the Kubernetes API");
    }
    if (response.code() == 404) {
      return Optional.empty();
    }
    if (!response.isSuccessful()) {
      throw KubeStatus.failure(response.code(), response.body());
    }
    return Optional.of(KubeJson.tree(response.body()));
  }

  /** The client these reads go through, for what reading trees cannot do. */
  KubernetesClient client() {
    return client;
  }

  @Override
  public String configuredNamespace() {
    return client.getConfiguration().getNamespace();
  }

  @Override
  public void close() {
    client.close();
  }
}
