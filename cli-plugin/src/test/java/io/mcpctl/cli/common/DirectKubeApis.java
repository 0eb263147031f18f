package io.mcpctl.cli.common;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The direct API for a kubeconfig file that the direct path takes, as the tests read with it. */
final class DirectKubeApis {

  private DirectKubeApis() {}

  /** No environment or system-property overrides, the kubeconfig's own context. */
  static DirectKubeApi of(Path kubeconfig) {
    return DirectKubeApi.open(
        DirectKubeconfig.read(kubeconfig, null, Map.of(), new Properties()).orElseThrow());
  }
}
