package io.mcpctl.operator.testing;

import io.mcpctl.sandbox.chart.ChartIdentity;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The checkout's Helm chart, whose RBAC the operator's integration tests run under. */
public final class OperatorChart {

  private static final Path DIRECTORY = Path.of("..", "helm", "mcpctl-operator");
  private static final String WATCH_NAMESPACES_FLAG = "--watch-namespaces=";

  private OperatorChart() {}

  /** The chart rendered with every namespace watched (its ClusterRole). */
  public static ChartIdentity everyNamespace() {
    return ChartIdentity.render(DIRECTORY, List.of());
  }

  /**
   * The chart rendered as a Deployment with these operator flags runs: {@code
   * --watch-namespaces=a,b} becomes {@code watchNamespaces: [a, b]} (a Role in each), anything else
   * the ClusterRole.
   */
  public static ChartIdentity forFlags(String... flags) {
    return Arrays.stream(flags)
        .filter(flag -> flag.startsWith(WATCH_NAMESPACES_FLAG))
        .map(flag -> flag.substring(WATCH_NAMESPACES_FLAG.length()))
        .filter(list -> !list.isBlank())
        .map(list -> ChartIdentity.render(DIRECTORY, List.of(list.split(","))))
        .findFirst()
        .orElseGet(OperatorChart::everyNamespace);
  }
}
