package io.mcpctl.sandbox.openbao.logical;

/**
 * OpenBao's one glob for policy names and parameter values ({@code strutil.GlobbedStringsMatch}): a
 * {@code *} at the start, the end or both, and nothing else. A pattern shorter than two characters
 * is compared as it is, so {@code *} alone matches only {@code *}.
 */
public final class GlobbedStrings {
  private GlobbedStrings() {}

  public static boolean matches(String pattern, String value) {
    if (pattern.length() < 2) {
      return value.equals(pattern);
    }
    boolean leading = pattern.startsWith("*");
    boolean trailing = pattern.endsWith("*");
    if (leading && trailing) {
      return value.contains(pattern.substring(1, pattern.length() - 1));
    }
    if (leading) {
      return value.endsWith(pattern.substring(1));
    }
    if (trailing) {
      return value.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return value.equals(pattern);
  }
}
