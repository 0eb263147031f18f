package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code labelSelector} as the API server reads it, for the objects an HTTP watch reports: {@code
 * k=v}, {@code k==v}, {@code k!=v}, {@code k}, {@code !k}, {@code k in (a,b)} and {@code k notin
 * (a,b)}, all of which must hold. (Lists pass the selector to fabric8's store instead.)
 */
final class LabelSelector {

  private static final Pattern SET_BASED =
      Pattern.compile("\\s*([^\\s!=(),]+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*");
  private static final Pattern EQUALITY =
      Pattern.compile("\\s*([^\\s!=(),]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)([^\\s!=(),]+)\\s*");

  private final List<Predicate<JsonNode>> requirements;

  private LabelSelector(List<Predicate<JsonNode>> requirements) {
    this.requirements = requirements;
  }

  /**
   * @throws ApiError 400 for a selector the API server would not parse either
   */
  static LabelSelector parse(String selector) {
    List<Predicate<JsonNode>> requirements = new ArrayList<>();
    if (selector != null && !selector.isBlank()) {
      for (String requirement : splitOutsideParentheses(selector)) {
        requirements.add(requirement(requirement));
      }
    }
    return new LabelSelector(List.copyOf(requirements));
  }

  boolean matches(JsonNode object) {
    JsonNode labels = object.path("metadata").path("labels");
    return requirements.stream().allMatch(requirement -> requirement.test(labels));
  }

  private static Predicate<JsonNode> requirement(String text) {
    Matcher set = SET_BASED.matcher(text);
    if (set.matches()) {
      String key = set.group(1);
      Set<String> values =
          Set.of(set.group(3).split(",")).stream()
              .map(String::strip)
              .collect(java.util.stream.Collectors.toUnmodifiableSet());
      boolean in = set.group(2).equals("in");
      return labels ->
          in
              ? labels.has(key) && values.contains(labels.path(key).asText())
              : !labels.has(key) || !values.contains(labels.path(key).asText());
    }
    Matcher equality = EQUALITY.matcher(text);
    if (equality.matches()) {
      String key = equality.group(1);
      String value = equality.group(3);
      boolean equal = !equality.group(2).equals("!=");
      return labels ->
          equal
              ? labels.has(key) && labels.path(key).asText().equals(value)
              : !labels.has(key) || !labels.path(key).asText().equals(value);
    }
    Matcher exists = EXISTS.matcher(text);
    if (exists.matches()) {
      String key = exists.group(2);
      boolean present = exists.group(1).isEmpty();
      return labels -> labels.has(key) == present;
    }
    throw ApiError.badRequest(
        "unable to parse requirement: \""
            + text.strip()
            + "\" in labelSelector; see kubectl's"
            + " --selector syntax");
  }

  private static List<String> splitOutsideParentheses(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(selector.substring(start));
    return parts;
  }
}
