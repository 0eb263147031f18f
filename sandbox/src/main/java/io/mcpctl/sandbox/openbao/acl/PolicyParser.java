package io.mcpctl.sandbox.openbao.acl;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Rule settings OpenBao enforces (vault/policy/acl.go: parameter constraints, wrapping TTL
   * bounds, list pagination and key filtering) that the stand-in does not model. A policy using one
   * is refused with a sentence saying so, rather than accepted and enforced more permissively than
   * a real server would.
   */
  private static final List<String> NOT_MODELLED =
      List.of(
          "allowed_parameters",
          "denied_parameters",
          "required_parameters",
          "min_wrapping_ttl",
          "max_wrapping_ttl",
          "pagination_limit",
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
    for (Hcl.Item item : body.items()) {
      String setting = item.keys().get(0);
      if (NOT_MODELLED.contains(setting)) {
        throw ApiError.badRequest(
            "the OpenBao stand-in does not enforce "
                + setting
                + " (path "
                + quote(key)
                + "), which OpenBao does; it refuses the policy rather than allow more than a"
                + " real server would: test such a policy against a real OpenBao (BAO_ADDR)");
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
        bitmap = Capability.DENY.bit();
        break;
      }
      bitmap |= parsed.bit();
    }
    return new PathRule(pattern, bitmap, expiration(key, single(key, body, "expiration")));
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
