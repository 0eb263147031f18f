package io.mcpctl.cli.common;

import io.mcpctl.text.Sentences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's errors for words no option or parameter took, or that an option took for another
 * option, worded without quoting any word but an option's name. picocli quotes them all ({@code
 * Unknown options: '--admin-tokn', 's.…'}), yet the word after a mistyped option is its value, and
 * a stray word ({@code --from-literal password= hunter2}) may be a password: those are counted and
 * placed, never shown.
 */
final class StrayArguments {

  /**
   * A long option's name, or a short one of one letter: what a user typed as an option. Anything
   * else that starts with '-' ({@code -hunter2}, {@code -s.token}) may be a value.
   */
  private static final Pattern OPTION_NAME =
      Pattern.compile("--[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|-[A-Za-z]");

  /** picocli's own start of the message, which quotes nothing: "Unmatched argument at index 5". */
  private static final Pattern POSITION =
      Pattern.compile("^Unmatched arguments? (at|from) index (\\d+)");

  /**
   * The message picocli builds when an option's value looks like another option: "Expected
   * parameter for option '--url' (URL) but found '-x'", after "Unknown option: '-x'; " when the
   * word is no option of the command.
   */
  private static final Pattern OPTION_INSTEAD_OF_VALUE =
      Pattern.compile("^(?:Unknown option: '.*'; )?(Expected parameter .*) but found '(.*)'$");

  private static final String NOT_SHOWN = "not shown in case it is a secret";
  private static final String NONE_SHOWN = "not shown in case one is a secret";

  private StrayArguments() {}

  /** The sentence for {@code ex}, without a final period. */
  static String sentence(UnmatchedArgumentException ex) {
    List<String> words = ex.getUnmatched();
    if (words.isEmpty()) {
      return withoutStrayValue(Sentences.withoutFinalPeriod(ex.getMessage()));
    }
    List<String> options = new ArrayList<>();
    int others = 0;
    for (String word : words) {
      Optional<String> option = optionName(word);
      if (option.isPresent()) {
        if (!options.contains(option.get())) {
          options.add(option.get());
        }
      } else {
        others++;
      }
    }
    String suggestion = suggestion(ex, words.get(0));
    if (options.isEmpty()) {
      return position(ex.getMessage(), others)
          + suggestion
          + ", "
          + (others == 1 ? NOT_SHOWN : NONE_SHOWN);
    }
    String sentence =
        (options.size() == 1 ? "Unknown option " : "Unknown options ")
            + options.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "))
            + suggestion;
    if (others > 0) {
      sentence +=
          " and "
              + others
              + (others == 1 ? " more argument, " + NOT_SHOWN : " more arguments, " + NONE_SHOWN);
    }
    return sentence;
  }

  /** The option a word names, without anything after an '='; empty for a word that is no name. */
  static Optional<String> optionName(String word) {
    if (word == null) {
      return Optional.empty();
    }
    int equals = word.indexOf('=');
    String name = equals < 0 ? word : word.substring(0, equals);
    return OPTION_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
  }

  /** "Unmatched argument at index 5", or "2 unmatched arguments from index 2". */
  private static String position(String message, int count) {
    Matcher at = POSITION.matcher(message == null ? "" : message);
    String index = at.find() ? " " + at.group(1) + " index " + at.group(2) : "";
    return count == 1 ? "Unmatched argument" + index : count + " unmatched arguments" + index;
  }

  /**
   * picocli's suggestion for the first word, if it has one: for an option, the closest visible
   * names (the longest common start); for a subcommand, the most similar one.
   */
  private static String suggestion(UnmatchedArgumentException ex, String first) {
    List<String> suggested = ex.getSuggestions();
    if (suggested.isEmpty()) {
      return "";
    }
    if (!ex.isUnknownOption()) {
      return " (did you mean '"
          + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " "
          + suggested.get(0)
          + "'?)";
    }
    Optional<String> typed = optionName(first);
    if (typed.isEmpty()) {
      return ""; // a word that is no option's name, which the sentence does not show
    }
    int closest =
        suggested.stream().mapToInt(name -> commonStart(name, typed.get())).max().orElse(0);
    return " (did you mean "
        + suggested.stream()
            .filter(name -> commonStart(name, typed.get()) == closest)
            .sorted(Comparator.comparingInt(String::length))
            .limit(3)
            .map(name -> "'" + name + "'")
            .collect(Collectors.joining(" or "))
        + "?)";
  }

  private static int commonStart(String a, String b) {
    int length = 0;
    while (length < a.length() && length < b.length() && a.charAt(length) == b.charAt(length)) {
      length++;
    }
    return length;
  }

  /**
   * {@code message} (without its final period) with the word an option found instead of its value
   * named only when it is an option's name; any other message unchanged.
   */
  static String withoutStrayValue(String message) {
    Matcher matcher = OPTION_INSTEAD_OF_VALUE.matcher(message);
    if (!matcher.matches()) {
      return message;
    }
    return matcher.group(1)
        + optionName(matcher.group(2))
            .map(name -> " but found the option '" + name + "'")
            .orElse(" but found a word that looks like an option (" + NOT_SHOWN + ")");
  }
}
