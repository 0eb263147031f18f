package io.mcpctl.sandbox.openbao.logical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request parameters with the weak typing of OpenBao's {@code framework.FieldData}: numbers
 * as strings, booleans as "true", lists as comma strings, durations as seconds or Go durations.
 */
public final class Fields {
  private final ObjectNode data;

  public Fields(ObjectNode data) {
    this.data = data;
  }

  public boolean has(String name) {
    JsonNode value = data.get(name);
    return value != null && !value.isNull();
  }

  public JsonNode raw(String name) {
    return data.get(name);
  }

  public String string(String name) {
    JsonNode value = data.get(name);
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isContainerNode()) {
      throw invalid(name, value, "expected a string");
    }
    return value.asText();
  }

  public Optional<Boolean> bool(String name) {
    JsonNode value = data.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue());
    }
    if (value.isNumber()) {
      return Optional.of(value.asLong() != 0);
    }
    return Optional.of(parseBool(name, value, value.asText()));
  }

  public boolean bool(String name, boolean fallback) {
    return bool(name).orElse(fallback);
  }

  public Optional<Integer> integer(String name) {
    JsonNode value = data.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isIntegralNumber()) {
      return Optional.of(value.intValue());
    }
    try {
      return Optional.of(Integer.parseInt(value.asText().strip()));
    } catch (NumberFormatException notANumber) {
      throw invalid(
          name, value, "strconv.ParseInt: parsing \"" + value.asText() + "\": invalid syntax");
    }
  }

  /** A {@code TypeDurationSecond} field: seconds as a number, or a duration string. */
  public Optional<Duration> durationSeconds(String name) {
    JsonNode value = data.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parseDurationSecond(value));
    } catch (IllegalArgumentException malformed) {
      throw invalid(name, value, malformed.getMessage());
    }
  }

  /** A {@code TypeStringSlice} field: a JSON list, or a single string kept whole. */
  public Optional<List<String>> stringSlice(String name) {
    JsonNode value = data.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(element -> values.add(element.asText().strip()));
    } else {
      values.add(value.asText().strip());
    }
    return Optional.of(values);
  }

  /** A {@code TypeCommaStringSlice} field: a JSON list, or a comma-separated string. */
  public Optional<List<String>> commaSlice(String name) {
    JsonNode value = data.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(element -> values.add(element.asText().strip()));
    } else if (!value.asText().isEmpty()) {
      Arrays.stream(value.asText().split(",")).map(String::strip).forEach(values::add);
    }
    return Optional.of(values);
  }

  /** A {@code TypeKVPairs} field: an object of strings; empty when absent. */
  public Optional<Map<String, String>> stringMap(String name) {
    JsonNode value = data.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw invalid(name, value, "expected a map");
    }
    Map<String, String> values = new LinkedHashMap<>();
    value.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
    return Optional.of(values);
  }

  public Optional<ObjectNode> object(String name) {
    JsonNode value = data.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw invalid(name, value, "expected a map");
    }
    return Optional.of((ObjectNode) value);
  }

  /** Go's {@code parseutil.ParseDurationSecond}: an integer is seconds, "Nd" is days. */
  public static Duration parseDurationSecond(JsonNode value) {
    if (value.isNumber()) {
      return Duration.ofSeconds(value.asLong());
    }
    return parseDurationSecond(value.asText());
  }

  /** The string form of {@link #parseDurationSecond(JsonNode)}. */
  public static Duration parseDurationSecond(String raw) {
    String text = raw.strip();
    if (text.isEmpty()) {
      return Duration.ZERO;
    }
    if (text.matches("-?[0-9]+")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    if (text.matches("[0-9]+d")) {
      return Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
    }
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException malformed) {
      throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
  }

  /** Go's {@code strconv.ParseBool}. */
  public static Optional<Boolean> parseGoBool(String text) {
    switch (text) {
      case "1", "t", "T", "TRUE", "true", "True":
        return Optional.of(true);
      case "0", "f", "F", "FALSE", "false", "False":
        return Optional.of(false);
      default:
        return Optional.empty();
    }
  }

  private static boolean parseBool(String name, JsonNode value, String text) {
    return parseGoBool(text.strip().toLowerCase(Locale.ROOT))
        .orElseThrow(
            () ->
                invalid(
                    name,
                    value,
                    "cannot parse '' as bool: strconv.ParseBool: parsing \""
                        + text
                        + "\": invalid syntax"));
  }

  private static ApiError invalid(String name, JsonNode value, String reason) {
    return ApiError.badRequest(
        "Field validation failed: error converting input "
            + value.asText()
            + " for field \""
            + name
            + "\": "
            + reason);
  }
}
