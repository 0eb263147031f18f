package io.mcpctl.text;

import java.util.regex.Pattern;

/** Joins one-sentence messages into another sentence. */
public final class Sentences {

  private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

  private Sentences() {}

  /**
   * Text from elsewhere (a spec value, a server's error) made fit to quote in one line: control,
   * format and line-separating characters shown as {@code ?}, so that it cannot start a line of its
   * own in a log, and anything past {@code maxCodePoints} replaced by "…".
   */
  public static String oneLine(String text, int maxCodePoints) {
    String shown = printable(text);
    if (shown.codePointCount(0, shown.length()) > maxCodePoints) {
      shown = shown.substring(0, shown.offsetByCodePoints(0, maxCodePoints)) + "…";
    }
    return shown;
  }

  /**
   * Text from elsewhere made safe to print on a terminal: control, format and line-separating
   * characters (escape sequences that retitle a window or write the clipboard, bidirectional
   * overrides, line breaks) shown as {@code ?}.
   */
  public static String printable(String text) {
    return LINE_BREAKING.matcher(text).replaceAll("?");
  }

  /** {@code message} stripped, without its final period, to embed it in a longer sentence. */
  public static String withoutFinalPeriod(String message) {
    String trimmed = message == null ? "" : message.strip();
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
