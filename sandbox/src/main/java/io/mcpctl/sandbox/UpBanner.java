package io.mcpctl.sandbox;

import io.mcpctl.sandbox.chart.ChartIdentity;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a running sandbox tells its user: what runs where, what to export in another terminal and
 * what to try there. Holds paths and addresses only, never a secret value.
 *
 * @param directory the sandbox folder
 * @param running one {@link SandboxComponent#describe()} line per component
 * @param openBao the stand-in's address, when it runs
 * @param operatorRuns whether the operator runs (and so the CRD is installed)
 * @param pluginDirectory the folder with {@code kubectl-mcpctl}, when it is built
 */
public record UpBanner(
    SandboxDirectory directory,
    List<String> running,
    Optional<URI> openBao,
    boolean operatorRuns,
    Optional<Path> pluginDirectory) {

  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("mcpctl sandbox is up:");
    running.forEach(component -> lines.add("  " + component));
    lines.add("Logs in " + directory.root() + ". In another terminal:");
    lines.add("");
    lines.addAll(indented(exports()));
    lines.add("");
    lines.add("Then try:");
    lines.add("");
    lines.addAll(indented(examples()));
    lines.add("");
    lines.add(
        "Stop it with Ctrl-C here (or SIGTERM to pid "
            + ProcessHandle.current().pid()
            + ")"
            + (operatorRuns ? "; that stops the operator too." : "."));
    return lines;
  }

  private List<String> exports() {
    List<String> exports = new ArrayList<>();
    exports.add("export KUBECONFIG=" + directory.kubeconfig());
    pluginDirectory.ifPresent(
        plugin -> exports.add("export PATH=\"" + plugin + ":$PATH\"   # kubectl mcpctl"));
    if (openBao.isPresent()) {
      exports.add(
          "set -a; . "
              + directory.openBaoEnv()
              + "; set +a   # BAO_ADDR and BAO_TOKEN (root) of the OpenBao stand-in");
    }
    return exports;
  }

  private List<String> examples() {
    List<String> examples = new ArrayList<>();
    if (!operatorRuns) {
      examples.add("kubectl get namespaces");
      examples.add(
          "kubectl apply -f crds/ && kubectl apply -f examples/   # from the repository root");
      examples.add("kubectl get secretbackends");
      return examples;
    }
    examples.add("kubectl get sb -A");
    // The chart names its ServiceAccount after the release, which the sandbox installs as.
    examples.add(
        "kubectl auth can-i --list --as=system:serviceaccount:"
            + ChartIdentity.NAMESPACE
            + ":"
            + ChartIdentity.RELEASE
            + "   # the operator's RBAC, as the chart grants it");
    if (openBao.isPresent() && pluginDirectory.isPresent()) {
      examples.add(
          "kubectl mcpctl create secretbackend bao --type openbao --wizard --url "
              + openBao.get()
              + " --admin-token-file "
              + directory.adminToken()
              + ("https".equals(openBao.get().getScheme())
                  ? " --ca-file " + directory.openBaoCa()
                  : "")
              + " --yes");
      examples.add("kubectl get sb");
      examples.add("kubectl mcpctl rotate secretbackend bao");
      examples.add("kubectl mcpctl describe secretbackend bao");
      examples.add("kubectl describe sb bao");
    } else {
      examples.add("kubectl apply -f examples/   # from the repository root");
    }
    return examples;
  }

  private static List<String> indented(List<String> lines) {
    return lines.stream().map(line -> "  " + line).toList();
  }
}
