package io.mcpctl.sandbox.openbao.acl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.GlobbedStrings;
import io.mcpctl.sandbox.openbao.logical.Operation;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a request that has the capability also meets its path's {@link RequestConstraints}, in
 * the order of OpenBao's {@code AllowOperation}. A listing under a page-size limit gets its {@code
 * limit} parameter set, as OpenBao rewrites the request.
 */
final class ConstraintCheck {
  private static final String LIMIT = "limit";

  private ConstraintCheck() {}

  static boolean admits(RequestConstraints constraints, Operation operation, ObjectNode data) {
    // The stand-in never wraps a response, and OpenBao refuses an unwrapped request under a
    // wrapping bound; a wrapped request is refused here too, the stricter answer.
    if (!constraints.minWrappingTtl().isZero() || !constraints.maxWrappingTtl().isZero()) {
      return false;
    }
    return switch (operation) {
      case READ, CREATE, UPDATE, PATCH -> parametersAdmitted(constraints, data);
      case LIST -> pageAdmitted(constraints, data);
      case DELETE -> true;
    };
  }

  private static boolean parametersAdmitted(RequestConstraints constraints, ObjectNode data) {
    for (String required : constraints.requiredParameters()) {
      if (!data.has(required.toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    if (data.isEmpty()) {
      return true;
    }
    Map<String, List<Hcl.Value>> denied = constraints.deniedParameters();
    if (denied.containsKey("*")) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> parameter = it.next();
      List<Hcl.Value> values = denied.get(parameter.getKey().toLowerCase(Locale.ROOT));
      if (values != null && anyMatches(values, parameter.getValue())) {
        return false;
      }
    }
    Map<String, List<Hcl.Value>> allowed = constraints.allowedParameters();
    boolean allowedAll = allowed.containsKey("*");
    if (allowed.isEmpty() || (allowed.size() == 1 && allowedAll)) {
      return true;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> parameter = it.next();
      List<Hcl.Value> values = allowed.get(parameter.getKey().toLowerCase(Locale.ROOT));
      if (values == null ? !allowedAll : !anyMatches(values, parameter.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * OpenBao's {@code valueInParameterList}: an empty list matches anything; strings match by glob,
   * booleans by equality. A JSON number arrives as Go's {@code json.Number}, which never equals a
   * number written in HCL, and neither does a list or a map.
   */
  private static boolean anyMatches(List<Hcl.Value> values, JsonNode value) {
    if (values.isEmpty()) {
      return true;
    }
    for (Hcl.Value candidate : values) {
      if (candidate instanceof Hcl.Text text
          && value.isTextual()
          && GlobbedStrings.matches(text.value(), value.asText())) {
        return true;
      }
      if (candidate instanceof Hcl.Bool bool
          && value.isBoolean()
          && bool.value() == value.asBoolean()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A listing under a page-size limit: without {@code limit} it gets the limit (or is refused when
   * {@code limit} is required); {@code max} or {@code 0} means the limit; a larger, negative or
   * unparsable one is refused. Without a page-size limit, {@code max} means no limit.
   */
  private static boolean pageAdmitted(RequestConstraints constraints, ObjectNode data) {
    int pageLimit = constraints.paginationLimit();
    JsonNode asked = data.get(LIMIT);
    if (pageLimit <= 0) {
      if (asked != null && asked.isTextual() && asked.asText().equals("max")) {
        data.put(LIMIT, "0");
      }
      return true;
    }
    if (asked == null) {
      if (constraints.requiredParameters().stream()
          .anyMatch(required -> required.toLowerCase(Locale.ROOT).equals(LIMIT))) {
        return false;
      }
      data.put(LIMIT, Integer.toString(pageLimit));
      return true;
    }
    Long size = parsedInteger(asked);
    if (size == null) {
      if (!(asked.isTextual() && asked.asText().equals("max"))) {
        return false;
      }
      data.put(LIMIT, Integer.toString(pageLimit));
      return true;
    }
    if (size > pageLimit || size < 0) {
      return false;
    }
    if (size == 0) {
      data.put(LIMIT, Integer.toString(pageLimit));
    }
    return true;
  }

  private static Long parsedInteger(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isTextual()) {
      try {
        return Long.parseLong(value.asText());
      } catch (NumberFormatException notAnInteger) {
        return null;
      }
    }
    return null;
  }
}
