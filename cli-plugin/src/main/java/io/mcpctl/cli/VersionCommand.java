package io.mcpctl.cli;

import io.mcpctl.cli.common.OutputOptions;
import io.mcpctl.cli.common.Renderers;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl mcpctl version}: the plugin's version, the commit it was built from, the API it
 * speaks and the Java it runs on.
 */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description =
        "Print the plugin's version, the commit it was built from and the SecretBackend API"
            + " version it speaks.")
public final class VersionCommand implements Runnable {

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Override
  public void run() {
    Map<String, String> version = new LinkedHashMap<>();
    version.put("plugin", PluginVersion.version());
    version.put("commit", PluginVersion.commit());
    version.put("api", PluginVersion.apiVersion());
    version.put("java", Runtime.version().toString());
    PrintWriter out = spec.commandLine().getOut();
    switch (output.format()) {
      case json -> out.print(Renderers.json(version));
      case yaml -> out.print(Renderers.yaml(version));
      case text ->
          out.printf(
              "kubectl-mcpctl %s (commit %s, API %s, Java %s)%n",
              version.get("plugin"),
              version.get("commit"),
              version.get("api"),
              version.get("java"));
    }
    out.flush();
  }
}
