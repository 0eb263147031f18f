package io.mcpctl.e2e.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns kubectl printed, read by the header's positions (cells may be blank and headers such
 * as "LAST ROTATION" contain a space).
 */
public final class KubectlTable {

  private static final Pattern HEADER_CELL = Pattern.compile("\\S+( \\S+)*");

  private final List<String> headers;
  private final List<Map<String, String>> rows;

  private KubectlTable(List<String> headers, List<Map<String, String>> rows) {
    this.headers = headers;
    this.rows = rows;
  }

  public static KubectlTable parse(String output) {
    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("kubectl printed no table: \"" + output + "\"");
    }
    List<String> headers = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    Matcher header = HEADER_CELL.matcher(lines.get(0));
    while (header.find()) {
      headers.add(header.group());
      starts.add(header.start());
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < headers.size(); i++) {
        int from = Math.min(starts.get(i), line.length());
        int to = i + 1 < starts.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
        row.put(headers.get(i), line.substring(from, to).trim());
      }
      rows.add(row);
    }
    return new KubectlTable(List.copyOf(headers), List.copyOf(rows));
  }

  public List<String> headers() {
    return headers;
  }

  public List<Map<String, String>> rows() {
    return rows;
  }

  public List<String> column(String header) {
    return rows.stream().map(row -> row.get(header)).toList();
  }

  /** The row whose NAME cell is {@code name}. */
  public Map<String, String> row(String name) {
    return rows.stream()
        .filter(row -> name.equals(row.get("NAME")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No row named " + name + " in " + rows));
  }
}
