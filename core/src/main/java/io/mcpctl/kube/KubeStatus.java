package io.mcpctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;

/** The Kubernetes API's failures as fabric8 reports them, from an answer read by hand. */
public final class KubeStatus {

  private static final ObjectMapper JSON = new ObjectMapper();

  private KubeStatus() {}

  /**
   * The failure {@code code} with the API's own explanation (a Status message) as its message and
   * status, never the raw answer: a proxy's page or anything else is left out and the status code
   * speaks alone.
   */
  public static KubernetesClientException failure(int code, byte[] body) {
    String message = null;
    try {
      JsonNode answer = JSON.readTree(body == null ? new byte[0] : body);
      if (answer != null && "Status".equals(answer.path("kind").asText())) {
        message = answer.path("message").asText(null);
      }
    } catch (IOException notJson) {
      // Not JSON at all: the status code speaks alone.
    }
    return new KubernetesClientException(
        message != null ? message : "The Kubernetes API answered " + code,
        code,
        new StatusBuilder().withCode(code).withMessage(message).build());
  }
}
