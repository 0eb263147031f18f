package io.mcpctl.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kubernetes API requests of one rotation, for {@link RequestFloorDriver}: one object per
 * rotation, since it remembers the Secret it last read or wrote, as the operator's store does.
 */
interface RotationRequests {

  /** GET the token Secret; its data, decoded. */
  Map<String, String> read(String secretName);

  /** PUT the Secret last read or written with {@code data}; the data written. */
  Map<String, String> write(String secretName, Map<String, String> data);

  /** The namespace's pods, as the consumer check lists them at the switch. */
  void listPods();

  /** A merge patch of the backend's status, as after a switch. */
  void patchStatus(String backendName);

  /** The {@code Rotated} event. */
  void postEvent(String backendName);

  static Map<String, String> decode(Map<String, String> data) {
    Map<String, String> decoded = new HashMap<>();
    data.forEach(
        (key, value) ->
            decoded.put(
                key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    return decoded;
  }

  static Map<String, String> encode(Map<String, String> data) {
    Map<String, String> encoded = new HashMap<>();
    data.forEach(
        (key, value) ->
            encoded.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return encoded;
  }
}
