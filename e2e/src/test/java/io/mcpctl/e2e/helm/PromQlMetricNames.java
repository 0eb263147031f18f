package io.mcpctl.e2e.helm;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, as written: {@code rate(x_bucket{a="b"}[5m])} names
 * {@code x_bucket}. Function names, keywords, label names and values, durations, numbers and
 * Grafana variables are not metrics. Grafana's {@code label_values(metric, label)} names its first
 * argument only.
 */
final class PromQlMetricNames {

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((.*),\\s*[a-zA-Z_]\\w*\\s*\\)");
  private static final Pattern STRING =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");

  /** An identifier not inside a number (1e3) or a duration (5m). */
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])[a-zA-Z_:][\\w:]*");

  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "Inf", "NaN");

  private PromQlMetricNames() {}

  static Set<String> in(String expression) {
    String rest = LABEL_VALUES.matcher(expression).replaceAll("$1");
    rest = STRING.matcher(rest).replaceAll("\"\"");
    rest = MATCHERS.matcher(rest).replaceAll(" ");
    rest = RANGE.matcher(rest).replaceAll(" ");
    rest = LABEL_LIST.matcher(rest).replaceAll(" ");
    rest = GRAFANA_VARIABLE.matcher(rest).replaceAll(" ");
    Set<String> names = new LinkedHashSet<>();
    Matcher identifier = IDENTIFIER.matcher(rest);
    while (identifier.find()) {
      String name = identifier.group();
      boolean calledAsFunction = rest.substring(identifier.end()).stripLeading().startsWith("(");
      if (!calledAsFunction && !KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
