package io.mcpctl.cli.check;

import java.util.List;

/**
 * Everything {@code kubectl mcpctl check} found, as {@code -o json} prints it.
 *
 * @param healthy true when no result is a problem
 */
record CheckReport(boolean healthy, String checkedAt, List<CheckResult> results) {

  static CheckReport of(String checkedAt, List<CheckResult> results) {
    return new CheckReport(
        results.stream().noneMatch(CheckResult::isProblem), checkedAt, List.copyOf(results));
  }

  long problems() {
    return results.stream().filter(CheckResult::isProblem).count();
  }
}
