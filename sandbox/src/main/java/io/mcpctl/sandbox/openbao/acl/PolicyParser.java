package io.mcpctl.sandbox.openbao.acl;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Fields;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns policy text (HCL or its JSON form) into rules, rejecting what OpenBao rejects with the same
 * words: every message starts with {@code failed to parse policy: }.
 */
public final class PolicyParser {
  private static final Set<String> TOP_LEVEL_KEYS = Set.of("name", "path");
  private static final Set<String> PATH_KEYS =
      Set.of(
          "comment",
          "policy",
          "capabilities",
          "allowed_parameters",
          "denied_parameters",
          "required_parameters",
          "min_wrapping_ttl",
          "max_wrapping_ttl",
          "mfa_methods",
          "pagination_limit",
          "expiration",
          "list_scan_response_keys_filter_path");

  private PolicyParser() {}

  /** Parses policy text; on bad input throws a 400 in OpenBao's wording. */
  public static Policy parse(String name, String text) {
    try {
      return new Policy(name, text, rules(Hcl.parse(text)));
    } catch (Hcl.SyntaxError syntax) {
      throw failure(syntax.getMessage());
    }
  }

  private static List<PathRule> rules(Hcl.ObjectValue root) {
    for (Hcl.Item item : root.items()) {
      if (!TOP_LEVEL_KEYS.contains(item.keys().get(0))) {
        throw failure(ApiError.multierror(invalidKey(item)));
      }
    }
    List<PathRule> rules = new ArrayList<>();
    for (Hcl.Item item : root.items()) {
      if (!item.keys().get(0).equals("path")) {
        continue;
      }
      if (item.keys().size() >= 2) {
        rules.add(rule(item.keys().get(1), item.value()));
      } else if (item.value() instanceof Hcl.ObjectValue paths) {
        for (Hcl.Item path : paths.items()) {
          rules.add(rule(path.keys().get(0), path.value()));
        }
      } else {
        throw failure("path: expected an object");
      }
    }
    return rules;
  }

  private static PathRule rule(String key, Hcl.Value value) {
    if (!(value instanceof Hcl.ObjectValue body)) {
      throw failure("path " + quote(key) + ": expected an object");
    }
    for (Hcl.Item item : body.items()) {
      if (!PATH_KEYS.contains(item.keys().get(0))) {
        throw failure(ApiError.multierror("path " + quote(key) + ": " + invalidKey(item)));
      }
    }
    String pattern = key.startsWith("/") ? key.substring(1) : key;
    if (pattern.contains("+*")) {
      throw failure("path " + quote(pattern) + ": invalid use of wildcards ('+*' is forbidden)");
    }
    List<String> capabilities = new ArrayList<>(strings(key, body, "capabilities"));
    String legacy = single(key, body, "policy");
    if (legacy != null) {
      capabilities.addAll(legacyCapabilities(key, legacy));
    }
    int bitmap = 0;
    for (String capability : capabilities) {
      Capability parsed =
          Capability.fromWireName(capability)
              .orElseThrow(
                  () ->
                      failure("path " + quote(key) + ": invalid capability " + quote(capability)));
      if (parsed == Capability.DENY) {
        // OpenBao stops reading a denying path here: its constraints are never parsed.
        return new PathRule(
            pattern,
            Capability.DENY.bit(),
            RequestConstraints.NONE,
            expiration(key, single(key, body, "expiration")));
      }
      bitmap |= parsed.bit();
    }
    return new PathRule(
        pattern, bitmap, constraints(key, body), expiration(key, single(key, body, "expiration")));
  }

  private static RequestConstraints constraints(String key, Hcl.ObjectValue body) {
    if (find(body, "list_scan_response_keys_filter_path") != null) {
      // OpenBao filters listings through it; granting the unfiltered listing would make the
      // policy more permissive here than on a real server.
      throw failure(
          "path "
              + quote(key)
              + ": list_scan_response_keys_filter_path is not modelled by the OpenBao stand-in");
    }
    Duration minWrapping = duration(body, "min_wrapping_ttl");
    Duration maxWrapping = duration(body, "max_wrapping_ttl");
    if (!minWrapping.isZero() && !maxWrapping.isZero() && maxWrapping.compareTo(minWrapping) < 0) {
      throw failure("max_wrapping_ttl cannot be less than min_wrapping_ttl");
    }
    return new RequestConstraints(
        parameterValues(key, body, "allowed_parameters"),
        parameterValues(key, body, "denied_parameters"),
        strings(key, body, "required_parameters"),
        minWrapping,
        maxWrapping,
        paginationLimit(key, body));
  }

  private static Map<String, List<Hcl.Value>> parameterValues(
      String key, Hcl.ObjectValue body, String name) {
    Hcl.Value value = find(body, name);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Hcl.ObjectValue parameters)) {
      throw failure("path " + quote(key) + ": " + name + " must be a map of lists");
    }
    Map<String, List<Hcl.Value>> values = new LinkedHashMap<>();
    for (Hcl.Item parameter : parameters.items()) {
      List<Hcl.Value> allowed =
          parameter.value() instanceof Hcl.ListValue list
              ? list.elements()
              : List.of(parameter.value());
      values.put(parameter.keys().get(0).toLowerCase(Locale.ROOT), List.copyOf(allowed));
    }
    return Map.copyOf(values);
  }

  private static Duration duration(Hcl.ObjectValue body, String name) {
    Hcl.Value value = find(body, name);
    if (value == null) {
      return Duration.ZERO;
    }
    String text =
        value instanceof Hcl.Number number
            ? number.literal()
            : value instanceof Hcl.Text string ? string.value() : "";
    try {
      return Fields.parseDurationSecond(text);
    } catch (IllegalArgumentException malformed) {
      throw failure("error parsing " + name + ": " + malformed.getMessage());
    }
  }

  private static int paginationLimit(String key, Hcl.ObjectValue body) {
    Hcl.Value value = find(body, "pagination_limit");
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(
          value instanceof Hcl.Number number ? number.literal() : ((Hcl.Text) value).value());
    } catch (NumberFormatException | ClassCastException notAnInteger) {
      throw failure("path " + quote(key) + ": pagination_limit must be an integer");
    }
  }

  private static Hcl.Value find(Hcl.ObjectValue body, String name) {
    Hcl.Value found = null;
    for (Hcl.Item item : body.items()) {
      if (item.keys().get(0).equals(name)) {
        found = item.value();
      }
    }
    return found;
  }

  private static List<String> legacyCapabilities(String key, String legacy) {
    return switch (legacy) {
      case "deny" -> List.of("deny");
      case "read" -> List.of("read", "list");
      case "write" -> List.of("create", "read", "update", "delete", "list");
      case "sudo" -> List.of("create", "read", "update", "delete", "list", "sudo");
      default -> throw failure("path " + quote(key) + ": invalid policy " + quote(legacy));
    };
  }

  private static Instant expiration(String key, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException malformed) {
      throw failure("path " + quote(key) + ": invalid expiration time: " + malformed.getMessage());
    }
  }

  private static List<String> strings(String key, Hcl.ObjectValue body, String name) {
    List<String> values = new ArrayList<>();
    for (Hcl.Item item : body.items()) {
      if (!item.keys().get(0).equals(name)) {
        continue;
      }
      if (item.value() instanceof Hcl.ListValue list) {
        for (Hcl.Value element : list.elements()) {
          if (!(element instanceof Hcl.Text text)) {
            throw failure("path " + quote(key) + ": " + name + " must be a list of strings");
          }
          values.add(text.value());
        }
      } else if (item.value() instanceof Hcl.Text text) {
        values.add(text.value());
      } else {
        throw failure("path " + quote(key) + ": " + name + " must be a list of strings");
      }
    }
    return values;
  }

  private static String single(String key, Hcl.ObjectValue body, String name) {
    String found = null;
    for (Hcl.Item item : body.items()) {
      if (item.keys().get(0).equals(name)) {
        if (!(item.value() instanceof Hcl.Text text)) {
          throw failure("path " + quote(key) + ": " + name + " must be a string");
        }
        found = text.value();
      }
    }
    return found;
  }

  private static String invalidKey(Hcl.Item item) {
    return "invalid key " + quote(item.keys().get(0)) + " on line " + item.line();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static ApiError failure(String reason) {
    return ApiError.badRequest("failed to parse policy: " + reason);
  }
}
