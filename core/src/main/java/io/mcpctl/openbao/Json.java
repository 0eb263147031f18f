package io.mcpctl.openbao;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** The client's one JSON mapper and OpenBao's field conventions. */
final class Json {

  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  /** OpenBao writes unset times as {@code ""}; set ones as RFC 3339 with any offset. */
  static Instant instantOrNull(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    return OffsetDateTime.parse(text).toInstant();
  }

  static Map<String, String> withoutNullValues(Map<String, String> map) {
    Map<String, String> copy = new LinkedHashMap<>();
    if (map != null) {
      map.forEach(
          (key, value) -> {
            if (key != null && value != null) {
              copy.put(key, value);
            }
          });
    }
    return copy;
  }

  /** A KV value as text: strings as they are, anything else as its JSON. */
  static String valueText(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }
}
