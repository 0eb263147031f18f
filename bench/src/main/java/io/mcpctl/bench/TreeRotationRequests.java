package io.mcpctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The same requests with bodies as Jackson trees, through whichever HTTP client it is given. */
final class TreeRotationRequests implements RotationRequests {

  /** One API request: method, URL, and content type and body (both null for a GET). */
  interface Transport {
    JsonNode send(String method, String url, String contentType, String body);
  }

  static final ObjectMapper JSON = new ObjectMapper();

  private final Transport transport;
  private final String coreNamespacePath;
  private final String backendsPath;
  private ObjectNode lastSeen;

  /**
   * @param api the API server's URL, without a trailing slash
   */
  TreeRotationRequests(Transport transport, String api, String namespace) {
    this.transport = transport;
    this.coreNamespacePath = api + "/api/v1/namespaces/" + namespace;
    this.backendsPath =
        api + "/apis/mcpctl.io/v1alpha1/namespaces/" + namespace + "/secretbackends";
  }

  @Override
  public Map<String, String> read(String secretName) {
    lastSeen = (ObjectNode) transport.send("GET", secretPath(secretName), null, null);
    Map<String, String> data = RotationRequests.decode(fields(lastSeen.path("data")));
    data.putAll(fields(lastSeen.path("stringData")));
    return data;
  }

  @Override
  public Map<String, String> write(String secretName, Map<String, String> data) {
    ObjectNode desired = lastSeen.deepCopy();
    desired.set("data", JSON.valueToTree(RotationRequests.encode(data)));
    desired.remove("stringData");
    lastSeen =
        (ObjectNode)
            transport.send("PUT", secretPath(secretName), "application/json", desired.toString());
    return RotationRequests.decode(fields(lastSeen.path("data")));
  }

  @Override
  public void listPods() {
    transport.send("GET", coreNamespacePath + "/pods", null, null);
  }

  @Override
  public void patchStatus(String backendName) {
    Instant now = Instant.now();
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode meta = patch.putObject("status").putObject("tokenMeta");
    meta.put("lastRotationAt", now.toString());
    meta.put("nextRotationAt", now.plus(Duration.ofDays(1)).toString());
    meta.put("generatedAt", now.toString());
    transport.send(
        "PATCH",
        backendsPath + "/" + backendName + "/status",
        "application/merge-patch+json",
        patch.toString());
  }

  @Override
  public void postEvent(String backendName) {
    ObjectNode event = JSON.createObjectNode();
    event.put("apiVersion", "v1").put("kind", "Event");
    event.putObject("metadata").put("generateName", backendName + ".");
    event.put("type", "Normal").put("reason", "Rotated").put("message", "Rotated the token.");
    event
        .putObject("involvedObject")
        .put("apiVersion", "mcpctl.io/v1alpha1")
        .put("kind", "SecretBackend")
        .put("name", backendName);
    transport.send("POST", coreNamespacePath + "/events", "application/json", event.toString());
  }

  private String secretPath(String secretName) {
    return coreNamespacePath + "/secrets/" + secretName;
  }

  private static Map<String, String> fields(JsonNode object) {
    Map<String, String> values = new HashMap<>();
    object
        .fields()
        .forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
    return values;
  }
}
