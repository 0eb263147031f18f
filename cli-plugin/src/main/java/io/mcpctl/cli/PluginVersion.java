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
    return BuildProperties.VERSION;
  }

  /** The full commit id, or {@code unknown} when the build ran outside a git checkout. */
  public static String commit() {
    return BuildProperties.COMMIT;
  }

  public static String apiVersion() {
    return SecretBackend.GROUP + "/" + SecretBackend.VERSION;
  }

  /**
   * Picocli asks for the version each time it copies the root's attributes to a subcommand, a dozen
   * times while building the tree: the file is read once, and the line is joined without a string
   * concatenation call site, whose first link costs a short command a few milliseconds.
   */
  @Override
  public String[] getVersion() {
    return new String[] {
      String.join(
          "", "kubectl-mcpctl ", version(), " (commit ", commit(), ", API ", apiVersion(), ")")
    };
  }

  /** Read on first use, once. */
  private static final class BuildProperties {

    static final String VERSION;
    static final String COMMIT;

    static {
      Properties properties = new Properties();
      try (InputStream in = PluginVersion.class.getResourceAsStream(RESOURCE)) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      VERSION = valueOf(properties, "version");
      COMMIT = valueOf(properties, "commit");
    }

    private BuildProperties() {}

    private static String valueOf(Properties properties, String name) {
      String value = properties.getProperty(name, UNKNOWN);
      // An unfiltered placeholder means the build step that writes it did not run.
      return value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    }
  }
}
