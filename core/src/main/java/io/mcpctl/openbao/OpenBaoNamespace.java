package io.mcpctl.openbao;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenBao namespace path such as {@code team-a/dev}, checked by the rules OpenBao applies when
 * one is created (openbao {@code helper/namespace/namespace.go}, {@code Validate} and {@code
 * Canonicalize}, v2.6.2): segments separated by {@code /}, none empty or reserved ({@code root},
 * {@code sys}, {@code audit}, {@code auth}, {@code cubbyhole}, {@code identity}, {@code .}, {@code
 * ..}), no spaces, control characters or wildcards ({@code +}, {@code *}). Kept without leading or
 * trailing slash, as users write it; {@link #canonical()} is OpenBao's own form.
 */
public final class OpenBaoNamespace {

  /** Names OpenBao keeps for itself; no namespace may be called so. */
  public static final Set<String> RESERVED_NAMES =
      Set.of(".", "..", "root", "sys", "audit", "auth", "cubbyhole", "identity");

  private final List<String> segments;

  private OpenBaoNamespace(List<String> segments) {
    this.segments = List.copyOf(segments);
  }

  /**
   * The namespace {@code path} names, or empty for the root namespace (null, blank or {@code /}).
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong, when OpenBao would
   *     refuse the path
   */
  public static Optional<OpenBaoNamespace> parse(String path) {
    String trimmed = path == null ? "" : path.strip();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    List<String> segments = new ArrayList<>();
    for (String segment : trimmed.split("/", -1)) {
      problem(segment)
          .ifPresent(
              wrong -> {
                throw new IllegalArgumentException(wrong);
              });
      segments.add(segment);
    }
    return Optional.of(new OpenBaoNamespace(segments));
  }

  /** Why OpenBao refuses {@code segment} as a namespace name; empty when it accepts it. */
  private static Optional<String> problem(String segment) {
    if (segment.isEmpty()) {
      return Optional.of("a namespace name in it is empty (two slashes in a row)");
    }
    if (RESERVED_NAMES.contains(segment)) {
      return Optional.of("\"" + segment + "\" is reserved by OpenBao");
    }
    for (int i = 0; i < segment.length(); ) {
      int codePoint = segment.codePointAt(i);
      if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
        return Optional.of("a namespace name in it contains a space");
      }
      if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
        return Optional.of("a namespace name in it contains a control character");
      }
      if (codePoint == '+' || codePoint == '*') {
        return Optional.of("a namespace name in it contains a wildcard (+ or *)");
      }
      if (codePoint > 0x7E) {
        // The namespace travels in the X-Vault-Namespace header, which carries ASCII only.
        return Optional.of("a namespace name in it contains a character other than ASCII");
      }
      i += Character.charCount(codePoint);
    }
    return Optional.empty();
  }

  /** The path as users write it, such as {@code team-a/dev}. */
  public String path() {
    return String.join("/", segments);
  }

  /** OpenBao's canonical form, with a trailing slash, such as {@code team-a/dev/}. */
  public String canonical() {
    return path() + "/";
  }

  /** The names from the outermost namespace in. */
  public List<String> segments() {
    return segments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OpenBaoNamespace that && segments.equals(that.segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }

  @Override
  public String toString() {
    return path();
  }
}
