package io.mcpctl.cli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;

/**
 * Reads the API's answers: a plain Jackson mapper, without fabric8's serialization (its modules and
 * kind registry take a cold command tens of milliseconds), tolerant of fields the model does not
 * know, as fabric8's is.
 */
public final class KubeJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private KubeJson() {}

  /** {@code body} as a tree; an answer that is no JSON fails without quoting it. */
  static JsonNode tree(byte[] body) {
    try {
      return MAPPER.readTree(body == null ? new byte[0] : body);
    } catch (java.io.IOException notJson) {
      throw unreadable(notJson);
    }
  }

  /** {@code json} bound to {@code type}, such as a SecretBackend or an Event. */
  public static <T> T bind(JsonNode json, Class<T> type) {
    try {
      return MAPPER.treeToValue(json, type);
    } catch (JsonProcessingException | IllegalArgumentException unbindable) {
      throw unreadable(unbindable);
    }
  }

  /** {@code json} as plain maps and lists, as the core's readers of pods take them. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(JsonNode json) {
    return MAPPER.convertValue(json, Map.class);
  }

  /**
   * As fabric8 reports it: Jackson's failure as the cause, whose message quotes the text it failed
   * on and is therefore never shown ({@link KubernetesErrors#detail} names only its type).
   */
  private static KubernetesClientException unreadable(Exception cause) {
    return new KubernetesClientException(
        "The Kubernetes API answered something that is not the expected JSON", cause);
  }
}
