package io.mcpctl.cli.migrate;

import io.mcpctl.cli.common.TextTable;
import io.mcpctl.secrets.migrate.MigrationOutcome;
import io.mcpctl.secrets.migrate.MigrationReport;
import io.mcpctl.secrets.migrate.SecretMigrationResult;
import io.mcpctl.text.Sentences;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** A migration report as people read it: one row per secret, then the totals. */
final class MigrationText {

  private MigrationText() {}

  static void print(MigrationReport report, PrintWriter out) {
    TextTable table = new TextTable("NAME", "RESULT", "DETAIL");
    for (SecretMigrationResult result : report.results()) {
      table.row(
          result.name(), result.outcome().label(), Sentences.withoutFinalPeriod(result.detail()));
    }
    table.print(out);
    out.println(total(report));
  }

  /** E.g. {@code Total: 9 secrets: 4 moved, 1 failed, 4 not attempted.} */
  static String total(MigrationReport report) {
    int count = report.results().size();
    Map<MigrationOutcome, Integer> totals = report.totals();
    return "Total: "
        + count
        + (count == 1 ? " secret: " : " secrets: ")
        + totals.entrySet().stream()
            .map(entry -> entry.getValue() + " " + entry.getKey().label())
            .collect(Collectors.joining(", "))
        + (report.dryRun() ? " (dry run: nothing was changed)." : ".");
  }
}
