package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mcpctl.time.HumanDuration;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cell values as the API server computes them for Table output. */
final class TableCells {

  private static final Pattern INDEX = Pattern.compile("(.*)\\[(\\d+)]");

  /** {@code name[?(@.field=="value")]}: the first element whose field has that value. */
  private static final Pattern FILTER =
      Pattern.compile("(.*)\\[\\?\\(@\\.(\\w+)==\"([^\"]*)\"\\)]");

  private TableCells() {}

  /**
   * Evaluates a CRD printer column's simple JSONPath ({@code .spec.a.b}, {@code .status.list[0].c})
   * and converts the value the way the API server's CRD table convertor does for the column type.
   */
  static JsonNode customColumnCell(ObjectNode object, String jsonPath, String type, Instant now) {
    JsonNode value = evaluate(object, jsonPath);
    if (value.isMissingNode() || value.isNull()) {
      return NullNode.instance;
    }
    return switch (type) {
      case "string" -> TextNode.valueOf(value.isValueNode() ? value.asText() : Json.write(value));
      case "integer" -> value.isNumber() ? LongNode.valueOf(value.asLong()) : NullNode.instance;
      case "number" -> value.isNumber() ? DoubleNode.valueOf(value.asDouble()) : NullNode.instance;
      case "boolean" ->
          value.isBoolean() ? BooleanNode.valueOf(value.asBoolean()) : NullNode.instance;
      case "date" -> value.isTextual() ? age(value.asText(), now) : NullNode.instance;
      default -> NullNode.instance;
    };
  }

  /** The age of an RFC 3339 timestamp, as kubectl shows it; {@code <invalid>} for the future. */
  static JsonNode age(String timestamp, Instant now) {
    return Rfc3339.parse(timestamp)
        .<JsonNode>map(time -> TextNode.valueOf(HumanDuration.of(Duration.between(time, now))))
        .orElse(TextNode.valueOf("<invalid>"));
  }

  static JsonNode ageOfCreation(ObjectNode object, Instant now) {
    return Json.text(object, "metadata.creationTimestamp")
        .map(created -> age(created, now))
        .orElse(TextNode.valueOf("<unknown>"));
  }

  static JsonNode evaluate(JsonNode root, String jsonPath) {
    JsonNode current = root;
    for (String segment : segments(jsonPath)) {
      Matcher indexed = INDEX.matcher(segment);
      Matcher filtered = FILTER.matcher(segment);
      if (filtered.matches()) {
        JsonNode array = filtered.group(1).isEmpty() ? current : current.path(filtered.group(1));
        current = MissingNode.getInstance();
        for (JsonNode element : array) {
          if (element.path(filtered.group(2)).asText().equals(filtered.group(3))) {
            current = element;
            break;
          }
        }
      } else if (indexed.matches()) {
        current = indexed.group(1).isEmpty() ? current : current.path(indexed.group(1));
        current = current.path(Integer.parseInt(indexed.group(2)));
      } else {
        current = current.path(segment);
      }
      if (current.isMissingNode()) {
        return MissingNode.getInstance();
      }
    }
    return current;
  }

  /**
   * Splits {@code .a.b\.c[0]} at unescaped dots outside brackets: {@code a}, {@code b.c[0]}; a
   * filter such as {@code conditions[?(@.type=="Ready")]} stays one segment.
   */
  private static List<String> segments(String jsonPath) {
    List<String> segments = new ArrayList<>();
    StringBuilder segment = new StringBuilder();
    int brackets = 0;
    for (int i = 0; i < jsonPath.length(); i++) {
      char c = jsonPath.charAt(i);
      if (c == '[') {
        brackets++;
      } else if (c == ']') {
        brackets--;
      }
      if (c == '\\' && i + 1 < jsonPath.length()) {
        segment.append(jsonPath.charAt(++i));
      } else if (c == '.' && brackets == 0) {
        if (!segment.isEmpty()) {
          segments.add(segment.toString());
        }
        segment.setLength(0);
      } else {
        segment.append(c);
      }
    }
    if (!segment.isEmpty()) {
      segments.add(segment.toString());
    }
    return segments;
  }
}
