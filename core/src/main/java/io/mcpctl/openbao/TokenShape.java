package io.mcpctl.openbao;

import java.util.regex.Pattern;

/**
 * What an OpenBao or Vault token looks like in text ({@code s.}, {@code b.}, {@code r.} and their
 * {@code hv} forms, then at least 20 letters or digits): for the last guards that keep one out of
 * logs and messages when it turns up where nobody expected it.
 */
public final class TokenShape {

  private static final Pattern TOKEN_SHAPED =
      Pattern.compile("\\b(?:s|b|r|hvs|hvb|hvr)\\.[A-Za-z0-9]{20,}(?:\\.[A-Za-z0-9]+)?\\b");

  private TokenShape() {}

  /** {@code text} with every token-shaped part replaced by {@code ****}. */
  public static String masked(String text) {
    return TOKEN_SHAPED.matcher(text).replaceAll("****");
  }

  /** Whether {@code text} holds anything shaped like a token. */
  public static boolean appearsIn(String text) {
    return TOKEN_SHAPED.matcher(text).find();
  }
}
