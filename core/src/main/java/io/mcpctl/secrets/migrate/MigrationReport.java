package io.mcpctl.secrets.migrate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every secret a migration listed on the source, in order, with what happened to it.
 *
 * @param from the source backend's name
 * @param to the target backend's name
 */
public record MigrationReport(
    String from, String to, boolean dryRun, List<SecretMigrationResult> results) {

  public MigrationReport {
    results = List.copyOf(results);
  }

  /** True when no secret is left unfinished (no conflict, failure or untried secret). */
  public boolean finished() {
    return results.stream().noneMatch(result -> result.outcome().unfinished());
  }

  /** How many secrets ended in each outcome, in the enum's order; outcomes with none left out. */
  public Map<MigrationOutcome, Integer> totals() {
    Map<MigrationOutcome, Integer> totals = new EnumMap<>(MigrationOutcome.class);
    results.forEach(result -> totals.merge(result.outcome(), 1, Integer::sum));
    return totals;
  }
}
