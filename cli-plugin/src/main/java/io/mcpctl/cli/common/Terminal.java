package io.mcpctl.cli.common;

import java.util.Optional;

/** The person at the keyboard, when there is one: prompts that never reach stdout. */
public interface Terminal {

  /** Whether a person can answer prompts; false in CI, pipes and tests without a script. */
  boolean isInteractive();

  /** Asks without echoing the answer; empty when there is no terminal. */
  Optional<char[]> readSecret(String prompt);

  /** Asks for one line; empty when there is no terminal. */
  Optional<String> readLine(String prompt);

  /** Asks a yes/no question; false (the safe answer) when there is no terminal. */
  default boolean confirm(String question) {
    return readLine(question + " [y/N] ")
        .map(answer -> answer.strip().toLowerCase())
        .filter(answer -> answer.equals("y") || answer.equals("yes"))
        .isPresent();
  }
}
