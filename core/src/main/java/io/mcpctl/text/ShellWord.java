package io.mcpctl.text;

import java.util.regex.Pattern;

/**
 * Whether a value from elsewhere (a spec, a server) may be offered inside a command to paste. A
 * value whoever may edit a SecretBackend chose can hold {@code ;}, {@code $(…)} or a pipe, and a
 * hint that quotes it would run their command in the shell of whoever follows the hint, with that
 * person's credentials; only words a POSIX shell takes literally are quoted in hints.
 */
public final class ShellWord {

  private static final Pattern LITERAL =
      Pattern.compile("[A-Za-z0-9_./:@%+,=][A-Za-z0-9_./:@%+,=-]*");

  private ShellWord() {}

  /**
   * Whether {@code value} is one word a POSIX shell reads as written: letters, digits and {@code _
   * . / : @ % + , = -}, not starting with {@code -} (which a command would take for a flag).
   */
  public static boolean isLiteral(String value) {
    return value != null && LITERAL.matcher(value).matches();
  }
}
