package io.mcpctl.sandbox.openbao.acl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy path demands of a request besides a capability: parameters allowed, denied and
 * required (names lower-cased, as OpenBao stores them; an empty value list means any value),
 * response-wrapping bounds, and a page-size limit for listings. Zero means unset.
 */
record RequestConstraints(
    Map<String, List<Hcl.Value>> allowedParameters,
    Map<String, List<Hcl.Value>> deniedParameters,
    List<String> requiredParameters,
    Duration minWrappingTtl,
    Duration maxWrappingTtl,
    int paginationLimit) {

  static final RequestConstraints NONE =
      new RequestConstraints(Map.of(), Map.of(), List.of(), Duration.ZERO, Duration.ZERO, 0);

  /** A deny keeps no parameter lists: nothing is granted to check them against. */
  RequestConstraints denied() {
    return new RequestConstraints(
        Map.of(), Map.of(), requiredParameters, minWrappingTtl, maxWrappingTtl, paginationLimit);
  }

  /**
   * Two policies naming the same pattern, combined as OpenBao's ACL does: the shorter wrapping
   * bounds and page size win, parameter lists are joined (an empty list, meaning any value, wins
   * over values), and required parameters are united. Parameter lists restrict even when only one
   * side has them.
   */
  RequestConstraints mergedWith(RequestConstraints added) {
    List<String> required = new ArrayList<>(requiredParameters);
    for (String parameter : added.requiredParameters) {
      if (!required.contains(parameter)) {
        required.add(parameter);
      }
    }
    return new RequestConstraints(
        joined(allowedParameters, added.allowedParameters),
        joined(deniedParameters, added.deniedParameters),
        List.copyOf(required),
        shorterOfSet(minWrappingTtl, added.minWrappingTtl),
        shorterOfSet(maxWrappingTtl, added.maxWrappingTtl),
        added.paginationLimit > 0
                && (paginationLimit <= 0 || added.paginationLimit < paginationLimit)
            ? added.paginationLimit
            : paginationLimit);
  }

  private static Map<String, List<Hcl.Value>> joined(
      Map<String, List<Hcl.Value>> existing, Map<String, List<Hcl.Value>> added) {
    if (added.isEmpty()) {
      return existing;
    }
    Map<String, List<Hcl.Value>> joined = new LinkedHashMap<>(existing);
    added.forEach(
        (name, values) -> {
          List<Hcl.Value> before = existing.get(name);
          if (values.isEmpty() || (before != null && before.isEmpty())) {
            joined.put(name, List.of());
          } else {
            List<Hcl.Value> both = new ArrayList<>(values);
            if (before != null) {
              both.addAll(before);
            }
            joined.put(name, List.copyOf(both));
          }
        });
    return Map.copyOf(joined);
  }

  private static Duration shorterOfSet(Duration existing, Duration added) {
    if (added.isZero() || (!existing.isZero() && existing.compareTo(added) <= 0)) {
      return existing;
    }
    return added;
  }
}
