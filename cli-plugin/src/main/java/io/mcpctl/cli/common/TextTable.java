package io.mcpctl.cli.common;

import io.mcpctl.text.Sentences;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A kubectl-style table: upper-case headers, columns padded to their widest cell. */
public final class TextTable {

  private static final String GAP = "   ";

  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... headers) {
    rows.add(List.of(headers));
  }

  public TextTable row(String... cells) {
    if (cells.length != rows.get(0).size()) {
      throw new IllegalArgumentException(
          "A row needs " + rows.get(0).size() + " cells; got " + cells.length + ".");
    }
    // Cells quote names and messages from the cluster and from OpenBao, which whoever may write
    // there chose: never a terminal's escape sequence.
    rows.add(Arrays.stream(cells).map(Sentences::printable).toList());
    return this;
  }

  public void print(PrintWriter out) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        boolean last = i == columns - 1;
        line.append(last ? row.get(i) : pad(row.get(i), widths[i]) + GAP);
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String pad(String cell, int width) {
    return cell + " ".repeat(width - cell.length());
  }
}
