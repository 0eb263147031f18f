package io.mcpctl.sandbox.openbao.token;

import io.mcpctl.sandbox.openbao.logical.GlobbedStrings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** OpenBao's {@code policyutil.SanitizePolicies} and the glob match of role policy lists. */
final class PolicyNames {
  private PolicyNames() {}

  /**
   * Lower-cased, trimmed, de-duplicated and sorted; {@code default} added when asked. A {@code
   * root} anywhere in the list (after lower-casing) leaves {@code root} alone: a root token has
   * every right, so OpenBao drops the rest (sdk/helper/policyutil, SanitizePolicies).
   */
  static List<String> sanitize(Collection<String> policies, boolean addDefault) {
    List<String> all = new ArrayList<>();
    for (String policy : policies) {
      String normalized = policy.strip().toLowerCase(Locale.ROOT);
      if (normalized.equals("root")) {
        return List.of("root");
      }
      all.add(normalized);
    }
    if (addDefault) {
      all.add("default");
    }
    return removeDuplicates(all);
  }

  /** {@code strutil.RemoveDuplicates(list, true)}: lower-case, trim, drop empty, sort. */
  static List<String> removeDuplicates(Collection<String> values) {
    TreeSet<String> unique = new TreeSet<>();
    for (String value : values) {
      String normalized = value.strip().toLowerCase(Locale.ROOT);
      if (!normalized.isEmpty()) {
        unique.add(normalized);
      }
    }
    return new ArrayList<>(unique);
  }

  static boolean matchesAnyGlob(Collection<String> globs, String value) {
    return globs.stream().anyMatch(glob -> GlobbedStrings.matches(glob, value));
  }
}
