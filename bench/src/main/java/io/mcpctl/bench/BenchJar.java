package io.mcpctl.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The jar this harness runs from, which holds the drivers it starts in JVMs of their own. */
final class BenchJar {

  private BenchJar() {}

  static Path path() {
    try {
      return Path.of(BenchJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException("The harness's own jar has no path", impossible);
    }
  }
}
