package io.mcpctl.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * GETs against the Kubernetes API with the kubeconfig's credentials, answered as JSON trees: what
 * the commands that only read need, without fabric8's client and typed model, whose cold start
 * costs a short command most of its time.
 */
public interface KubeApi extends AutoCloseable {

  /**
   * The object or list at {@code path} (from the server's root, query included).
   *
   * @return empty when the API answers 404
   * @throws io.fabric8.kubernetes.client.KubernetesClientException for any other failure, with the
   *     HTTP status and the API's own message (never the answer's body), or code 0 when the API
   *     could not be reached
   */
  Optional<JsonNode> get(String path);

  /** The namespace of the kubeconfig's context; null when it names none. */
  String configuredNamespace();

  @Override
  void close();
}
