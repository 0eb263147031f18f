package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code fieldSelector} such as {@code involvedObject.name=bao,involvedObject.kind=SecretBackend}
 * matched against an object's fields, which is how {@code kubectl describe} finds an object's
 * events. Supports {@code =}, {@code ==} and {@code !=}, joined by commas.
 */
final class FieldSelector {

  private record Requirement(String field, String value, boolean equal) {

    boolean matches(JsonNode object) {
      JsonNode node = object;
      for (String segment : field.split("\\.")) {
        node = node.path(segment);
      }
      String actual = node.isValueNode() ? node.asText() : "";
      return actual.equals(value) == equal;
    }
  }

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  static FieldSelector parse(String selector) {
    List<Requirement> requirements = new ArrayList<>();
    if (selector != null) {
      for (String term : splitUnescaped(selector, ',')) {
        if (!term.isBlank()) {
          requirements.add(requirement(term.trim()));
        }
      }
    }
    return new FieldSelector(List.copyOf(requirements));
  }

  boolean matches(JsonNode object) {
    return requirements.stream().allMatch(requirement -> requirement.matches(object));
  }

  private static Requirement requirement(String term) {
    int notEqual = term.indexOf("!=");
    if (notEqual > 0) {
      return new Requirement(
          term.substring(0, notEqual), unescape(term.substring(notEqual + 2)), false);
    }
    int doubleEqual = term.indexOf("==");
    if (doubleEqual > 0) {
      return new Requirement(
          term.substring(0, doubleEqual), unescape(term.substring(doubleEqual + 2)), true);
    }
    int equal = term.indexOf('=');
    if (equal > 0) {
      return new Requirement(term.substring(0, equal), unescape(term.substring(equal + 1)), true);
    }
    throw ApiError.badRequest(
        "invalid field selector \""
            + term
            + "\": write it as field=value, field==value or field!=value");
  }

  /** Field selector values escape {@code \}, {@code ,} and {@code =} with a backslash. */
  private static String unescape(String value) {
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        c = value.charAt(++i);
      }
      result.append(c);
    }
    return result.toString();
  }

  private static List<String> splitUnescaped(String selector, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '\\' && i + 1 < selector.length()) {
        part.append(c).append(selector.charAt(++i));
      } else if (c == separator) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return parts;
  }
}
