package io.mcpctl.cli.wizard;

import java.util.ArrayList;
import java.util.List;

/** A line diff of two texts ({@code -} only in the old, {@code +} only in the new), for review. */
final class LineDiff {

  private LineDiff() {}

  /** Every line of both texts, marked {@code "- "}, {@code "+ "} or {@code " "}. */
  static List<String> between(String oldText, String newText) {
    String[] before = oldText.strip().split("\n", -1);
    String[] after = newText.strip().split("\n", -1);
    int[][] common = new int[before.length + 1][after.length + 1];
    for (int i = before.length - 1; i >= 0; i--) {
      for (int j = after.length - 1; j >= 0; j--) {
        common[i][j] =
            before[i].equals(after[j])
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < before.length || j < after.length) {
      if (i < before.length && j < after.length && before[i].equals(after[j])) {
        lines.add("  " + before[i++]);
        j++;
      } else if (i < before.length && (j == after.length || common[i + 1][j] >= common[i][j + 1])) {
        lines.add("- " + before[i++]);
      } else {
        lines.add("+ " + after[j++]);
      }
    }
    return lines;
  }

  /** Whether two policy texts say the same, ignoring surrounding blank space. */
  static boolean same(String oldText, String newText) {
    return oldText.strip().equals(newText.strip());
  }
}
