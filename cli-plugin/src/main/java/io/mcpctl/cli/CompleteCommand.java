package io.mcpctl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Hidden {@code __complete}: the protocol kubectl speaks with {@code kubectl_complete-mcpctl}
 * (Cobra's). It receives the words after {@code kubectl mcpctl}, the last one being the word under
 * the cursor (possibly empty), and prints one candidate per line followed by a {@code :<directive>}
 * line.
 */
@Command(name = "__complete", hidden = true, description = "Shell completion protocol for kubectl.")
public final class CompleteCommand implements Runnable {

  /** Cobra's ShellCompDirectiveNoFileComp: offer our candidates, not file names. */
  static final int NO_FILE_COMPLETION = 4;

  /** Cobra's ShellCompDirectiveDefault: let the shell complete file names (for FILE values). */
  static final int DEFAULT_COMPLETION = 0;

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "WORD", description = "Words typed so far.")
  List<String> words = new ArrayList<>();

  @Override
  public void run() {
    List<String> line = new ArrayList<>(words);
    if (line.isEmpty()) {
      line.add("");
    }
    String current = line.get(line.size() - 1);
    List<CharSequence> suffixes = new ArrayList<>();
    AutoComplete.complete(
        spec.root(),
        line.toArray(String[]::new),
        line.size() - 1,
        current.length(),
        current.length(),
        suffixes);
    Set<String> candidates = new LinkedHashSet<>();
    for (CharSequence suffix : suffixes) {
      String candidate = current + suffix;
      if (!candidate.startsWith("__")) {
        candidates.add(candidate);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    candidates.forEach(out::println);
    out.println(":" + (candidates.isEmpty() ? DEFAULT_COMPLETION : NO_FILE_COMPLETION));
    out.flush();
  }
}
