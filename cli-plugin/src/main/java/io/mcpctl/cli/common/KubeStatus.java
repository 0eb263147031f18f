package io.mcpctl.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** The Kubernetes API's failures as fabric8 reports them, from an answer read by hand. */
final class KubeStatus {

  private KubeStatus() {}

  /**
   * The failure {@code code} with the API's own explanation (a Status message), never the raw
   * answer: a proxy's page or anything else is left out and the status code speaks alone.
   */
  static KubernetesClientException failure(int code, byte[] body) {
    String message = null;
    try {
      JsonNode answer = KubeJson.tree(body);
      if ("Status".equals(answer.path("kind").asText())) {
        message = answer.path("message").asText(null);
      }
    } catch (KubernetesClientException notJson) {
      // Not JSON at all: the status code speaks alone.
    }
    return new KubernetesClientException(
        "The Kubernetes API answered " + code,
        code,
        new StatusBuilder().withCode(code).withMessage(message).build());
  }
}
