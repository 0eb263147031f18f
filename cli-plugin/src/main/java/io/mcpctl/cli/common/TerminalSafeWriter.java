package io.mcpctl.cli.common;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Everything the plugin prints passes through here: control characters other than tab and line feed
 * are printed as {@code ?}. Names, annotations, accessors, roles and messages quoted from a
 * namespace or an OpenBao server are written by whoever controls them, and an escape sequence among
 * them could retitle the admin's terminal, write to its clipboard (OSC 52), move the cursor over a
 * warning, or hide the rest of a command the admin is told to paste. Commands also replace what
 * they quote themselves ({@link io.mcpctl.text.Sentences#printable}); this is the net under any
 * line that does not. JSON and YAML stay exact: their renderers escape every control character, so
 * none reaches this writer.
 */
public final class TerminalSafeWriter extends FilterWriter {

  private TerminalSafeWriter(Writer out) {
    super(out);
  }

  /** {@code out}, printing every control character but tab and line feed as {@code ?}. */
  public static PrintWriter around(Writer out) {
    return new PrintWriter(new TerminalSafeWriter(out), true);
  }

  /** Whether {@code c} may reach a terminal as it is. */
  static boolean printable(char c) {
    return c == '\n' || c == '\t' || !(c < 0x20 || (c >= 0x7f && c <= 0x9f));
  }

  @Override
  public void write(int c) throws IOException {
    out.write(printable((char) c) ? c : '?');
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    char[] shown = null;
    for (int i = 0; i < length; i++) {
      char c = chars[offset + i];
      if (!printable(c)) {
        if (shown == null) {
          shown = new char[length];
          System.arraycopy(chars, offset, shown, 0, length);
        }
        shown[i] = '?';
      }
    }
    if (shown == null) {
      out.write(chars, offset, length);
    } else {
      out.write(shown, 0, length);
    }
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    char[] chars = new char[length];
    text.getChars(offset, offset + length, chars, 0);
    write(chars, 0, length);
  }
}
