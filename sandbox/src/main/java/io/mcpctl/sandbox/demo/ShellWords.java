package io.mcpctl.sandbox.demo;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Commands as a POSIX shell user types them: quoted only where the shell needs it. */
final class ShellWords {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ShellWords() {}

  static String join(List<String> words) {
    return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }

  static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * Splits a pasted command line of plain words, as the plugin prints its hints.
   *
   * @throws StepFailed when the line holds quotes, variables or other shell syntax, which a plain
   *     split would get wrong
   */
  static List<String> split(String commandLine) {
    List<String> words = Arrays.asList(commandLine.strip().split("\\s+"));
    for (String word : words) {
      if (!PLAIN.matcher(word).matches()) {
        throw new StepFailed(
            "The command \""
                + commandLine
                + "\" holds shell syntax ("
                + word
                + ") the demo cannot paste.");
      }
    }
    return words;
  }
}
