package io.mcpctl.cli;

import io.mcpctl.api.v1alpha1.SecretBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The plugin's version, written into the jar at build time. */
public final class PluginVersion implements IVersionProvider {

  private static final String RESOURCE = "version.properties";

  public static String version() {
    try (InputStream in = PluginVersion.class.getResourceAsStream(RESOURCE)) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String apiVersion() {
    return SecretBackend.GROUP + "/" + SecretBackend.VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"kubectl-mcpctl " + version() + " (API " + apiVersion() + ")"};
  }
}
