package io.mcpctl.cli;

import io.mcpctl.api.v1alpha1.SecretBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The plugin's version and the git commit it was built from, both written into the jar at build
 * time (cli-plugin/pom.xml).
 */
public final class PluginVersion implements IVersionProvider {

  private static final String RESOURCE = "version.properties";
  static final String UNKNOWN = "unknown";

  public static String version() {
    return buildProperty("version");
  }

  /** The full commit id, or {@code unknown} when the build ran outside a git checkout. */
  public static String commit() {
    return buildProperty("commit");
  }

  public static String apiVersion() {
    return SecretBackend.GROUP + "/" + SecretBackend.VERSION;
  }

  private static String buildProperty(String name) {
    try (InputStream in = PluginVersion.class.getResourceAsStream(RESOURCE)) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      String value = properties.getProperty(name, UNKNOWN);
      // An unfiltered placeholder means the build step that writes it did not run.
      return value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "kubectl-mcpctl " + version() + " (commit " + commit() + ", API " + apiVersion() + ")"
    };
  }
}
