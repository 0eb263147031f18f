package io.mcpctl.cli.common;

import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command takes from the root of its command tree: the world it runs in and kubectl's
 * global flags. The root command implements it; commands reach it through {@link #of}, so that no
 * command depends on the class that lists them all.
 */
public interface PluginRoot {

  /** The time, environment, standard input and terminal the commands use. */
  CliContext context();

  /** kubectl's {@code -n}, {@code --context} and {@code --kubeconfig}, as parsed. */
  KubeOptions kube();

  /** The root of the tree {@code spec} belongs to. */
  static PluginRoot of(CommandSpec spec) {
    return (PluginRoot) spec.root().userObject();
  }
}
