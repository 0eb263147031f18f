package io.mcpctl.sandbox.openbao.acl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The access decision of OpenBao's ACL: exact rules first, then the single most specific glob or
 * segment-wildcard rule; capabilities are merged only for identical patterns, and a deny in any
 * copy of a pattern makes it deny-only. Root skips everything.
 */
public final class Acl {
  private final boolean root;
  private final Map<String, Permissions> exactRules;
  private final Map<String, Permissions> prefixRules;
  private final Map<String, Permissions> segmentWildcardRules;

  /**
   * Prepended to every path asked about: a token acting in a namespace below its own sees that
   * namespace's paths as {@code child/...} in its policies, as OpenBao's ACL does.
   */
  private final String prefix;

  private Acl(boolean root) {
    this.root = root;
    this.exactRules = new HashMap<>();
    this.prefixRules = new HashMap<>();
    this.segmentWildcardRules = new LinkedHashMap<>();
    this.prefix = "";
  }

  private Acl(Acl rules, String prefix) {
    this.root = rules.root;
    this.exactRules = rules.exactRules;
    this.prefixRules = rules.prefixRules;
    this.segmentWildcardRules = rules.segmentWildcardRules;
    this.prefix = rules.prefix + prefix;
  }

  /** This ACL asked about paths of the namespace {@code relativePath} (such as {@code dev/}). */
  public Acl within(String relativePath) {
    return relativePath.isEmpty() ? this : new Acl(this, relativePath);
  }

  public static Acl root() {
    return new Acl(true);
  }

  /** Compiles policies into one ACL; paths past their expiration at {@code now} are left out. */
  public static Acl of(List<Policy> policies, Instant now) {
    Acl acl = new Acl(false);
    for (Policy policy : policies) {
      for (PathRule rule : policy.rules()) {
        if (!rule.expiredAt(now) && !rule.templated()) {
          acl.add(rule);
        }
      }
    }
    return acl;
  }

  /** The capabilities of one pattern and what it demands of a request beyond them. */
  private record Permissions(int capabilities, RequestConstraints constraints) {

    /** OpenBao's merge of the same pattern: a deny in either copy leaves only the deny. */
    Permissions mergedWith(Permissions added) {
      if (Capability.DENY.in(capabilities)) {
        return this;
      }
      if (Capability.DENY.in(added.capabilities)) {
        return new Permissions(Capability.DENY.bit(), constraints.denied());
      }
      return new Permissions(
          capabilities | added.capabilities, constraints.mergedWith(added.constraints));
    }
  }

  private void add(PathRule rule) {
    String pattern = rule.pattern();
    Map<String, Permissions> tree;
    if (hasSegmentWildcards(pattern)) {
      tree = segmentWildcardRules;
    } else if (pattern.endsWith("*")) {
      tree = prefixRules;
      pattern = pattern.substring(0, pattern.length() - 1);
    } else {
      tree = exactRules;
    }
    tree.merge(
        pattern, new Permissions(rule.capabilities(), rule.constraints()), Permissions::mergedWith);
  }

  private static boolean hasSegmentWildcards(String pattern) {
    return pattern.equals("+") || pattern.contains("/+") || pattern.startsWith("+/");
  }

  /** Whether the operation is allowed on the path; sudo-protected paths also need {@code sudo}. */
  public boolean allows(Operation operation, String path, boolean sudoRequired) {
    return allows(operation, path, Json.object(), sudoRequired);
  }

  /**
   * As {@link #allows(Operation, String, boolean)}, also checking the request's parameters against
   * the governing rule's constraints; a listing under a page-size limit gets its {@code limit}
   * parameter set in {@code data}, as OpenBao rewrites the request.
   */
  public boolean allows(Operation operation, String path, ObjectNode data, boolean sudoRequired) {
    if (root) {
      return true;
    }
    Permissions permissions = match(operation, prefix + trimLeadingSlashes(path));
    if (permissions == null) {
      return false;
    }
    int capabilities = permissions.capabilities();
    Capability needed =
        switch (operation) {
          case READ -> Capability.READ;
          case LIST -> Capability.LIST;
          case CREATE -> Capability.CREATE;
          case UPDATE -> Capability.UPDATE;
          case DELETE -> Capability.DELETE;
          case PATCH -> Capability.PATCH;
        };
    if (!needed.in(capabilities)) {
      return false;
    }
    if (sudoRequired && !Capability.SUDO.in(capabilities)) {
      return false;
    }
    return ConstraintCheck.admits(permissions.constraints(), operation, data);
  }

  /**
   * Whether the rule that governs the path grants {@code sudo}, as OpenBao's SudoPrivilege asks.
   */
  public boolean hasSudo(String path) {
    if (root) {
      return true;
    }
    Permissions permissions = match(Operation.READ, prefix + trimLeadingSlashes(path));
    return permissions != null && Capability.SUDO.in(permissions.capabilities());
  }

  /**
   * The capabilities a token has on a path as {@code sys/capabilities-self} reports them: sorted,
   * {@code ["root"]} for root, {@code ["deny"]} when nothing or deny applies.
   */
  public List<String> capabilities(String path) {
    if (root) {
      return List.of("root");
    }
    Permissions permissions = match(Operation.LIST, prefix + trimLeadingSlashes(path));
    int capabilities = permissions == null ? 0 : permissions.capabilities();
    List<String> names = new ArrayList<>();
    for (Capability capability : Capability.values()) {
      if (capability != Capability.DENY && capability.in(capabilities)) {
        names.add(capability.wireName());
      }
    }
    if (Capability.DENY.in(capabilities) || names.isEmpty()) {
      return List.of("deny");
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /**
   * OpenBao's {@code hasMountAccess} (vault/logical_system.go), step by step: any non-deny
   * capability on the mount path itself; else an exact or glob rule under it granting anything but
   * deny (patch and scan count); else what {@code CheckAllowedFromNonExactPaths} says for a bare
   * mount.
   */
  public boolean hasMountAccess(String mountPath) {
    if (!capabilities(mountPath).contains("deny")) {
      return true;
    }
    String path = prefix + mountPath;
    int granting = ~Capability.DENY.bit();
    for (Map<String, Permissions> rules : List.of(exactRules, prefixRules)) {
      for (Map.Entry<String, Permissions> rule : rules.entrySet()) {
        int capabilities = rule.getValue().capabilities();
        if (rule.getKey().startsWith(path)
            && !Capability.DENY.in(capabilities)
            && (capabilities & granting) != 0) {
          return true;
        }
      }
    }
    return bareMountAccess(path);
  }

  /**
   * {@code CheckAllowedFromNonExactPaths(path, bareMount=true)}. Without segment-wildcard rules the
   * longest glob rule that is a prefix of the mount answers, whatever it grants, so a deny glob
   * over the mount still admits the lookup, as on a real server. With them, only a {@code +} rule
   * whose segments reach the mount and grant something other than deny does.
   */
  private boolean bareMountAccess(String path) {
    if (segmentWildcardRules.isEmpty()) {
      return prefixRules.keySet().stream().anyMatch(path::startsWith);
    }
    String[] pathParts = path.split("/", -1);
    for (Map.Entry<String, Permissions> rule : segmentWildcardRules.entrySet()) {
      int capabilities = rule.getValue().capabilities();
      if (capabilities == 0 || Capability.DENY.in(capabilities)) {
        continue;
      }
      if (segmentsReachMount(rule.getKey(), pathParts, path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Walks a segment-wildcard rule along a mount path ({@code a/b/} splits into a, b and an empty
   * last part) and, at the mount's last segment, asks whether the segments it took so far start
   * with the mount path.
   */
  private static boolean segmentsReachMount(String fullPattern, String[] pathParts, String path) {
    boolean prefix = fullPattern.endsWith("*");
    String pattern = prefix ? fullPattern.substring(0, fullPattern.length() - 1) : fullPattern;
    String[] patternParts = pattern.split("/", -1);
    List<String> segments = new ArrayList<>();
    for (int i = 0; i < patternParts.length && i < pathParts.length; i++) {
      String part = patternParts[i];
      if (part.equals("+") || part.equals(pathParts[i])) {
        segments.add(pathParts[i]);
      } else if (prefix && i == patternParts.length - 1 && pathParts[i].startsWith(part)) {
        segments.addAll(List.of(pathParts).subList(i, pathParts.length));
      }
      if (i == pathParts.length - 2) {
        return (String.join("/", segments) + "/").startsWith(path);
      }
    }
    return false;
  }

  /**
   * OpenBao's order since 2.6.0 (GHSA-xp3c-3jw3-4vcr): exact rules, then the glob rules for the
   * path as asked. Only when none matches does a LIST of {@code folder/} fall back to the rules for
   * {@code folder}: a rule matching with the slash is the more specific one, and trying it second
   * let {@code meta/*} open {@code meta/private/} against a {@code meta/private/*} deny.
   */
  private Permissions match(Operation operation, String path) {
    Permissions exact = exactRules.get(path);
    if (exact != null) {
      return exact;
    }
    if (operation == Operation.LIST) {
      exact = exactRules.get(trimTrailingSlash(path));
      if (exact != null) {
        return exact;
      }
    }
    Permissions nonExact = nonExact(path);
    if (nonExact != null || operation != Operation.LIST || !path.endsWith("/")) {
      return nonExact;
    }
    return nonExact(trimTrailingSlash(path));
  }

  private record Candidate(
      int firstWildcard, boolean prefix, int wildcards, String pattern, Permissions permissions) {}

  private static final Comparator<Candidate> PRIORITY =
      Comparator.comparingInt(Candidate::firstWildcard)
          .thenComparing(candidate -> !candidate.prefix())
          .thenComparingInt(candidate -> -candidate.wildcards())
          .thenComparingInt(candidate -> candidate.pattern().length())
          .thenComparing(Candidate::pattern);

  private Permissions nonExact(String path) {
    List<Candidate> candidates = new ArrayList<>();
    String longestPrefix = null;
    for (String prefix : prefixRules.keySet()) {
      if (path.startsWith(prefix)
          && (longestPrefix == null || prefix.length() > longestPrefix.length())) {
        longestPrefix = prefix;
      }
    }
    if (longestPrefix != null) {
      if (segmentWildcardRules.isEmpty()) {
        return prefixRules.get(longestPrefix);
      }
      candidates.add(
          new Candidate(
              longestPrefix.length(), true, 0, longestPrefix, prefixRules.get(longestPrefix)));
    }
    String[] pathParts = path.split("/", -1);
    for (Map.Entry<String, Permissions> rule : segmentWildcardRules.entrySet()) {
      Candidate candidate = segmentMatch(rule.getKey(), rule.getValue(), pathParts);
      if (candidate != null) {
        candidates.add(candidate);
      }
    }
    return candidates.stream().max(PRIORITY).map(Candidate::permissions).orElse(null);
  }

  private static Candidate segmentMatch(
      String fullPattern, Permissions permissions, String[] pathParts) {
    boolean prefix = fullPattern.endsWith("*");
    String pattern = prefix ? fullPattern.substring(0, fullPattern.length() - 1) : fullPattern;
    String[] patternParts = pattern.split("/", -1);
    if (pathParts.length < patternParts.length) {
      return null;
    }
    if (!prefix && patternParts.length != pathParts.length) {
      return null;
    }
    int wildcards = 0;
    for (int i = 0; i < patternParts.length; i++) {
      String part = patternParts[i];
      if (part.equals("+")) {
        wildcards++;
      } else if (!part.equals(pathParts[i])
          && !(prefix && i == patternParts.length - 1 && pathParts[i].startsWith(part))) {
        return null;
      }
    }
    return new Candidate(fullPattern.indexOf('+'), prefix, wildcards, pattern, permissions);
  }

  private static String trimLeadingSlashes(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    return path.substring(start);
  }

  private static String trimTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
