package io.mcpctl.cli.backend;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the plugin and the operator trust OpenBao's certificate. */
public final class TlsOptions {

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description = "PEM CA bundle that signed OpenBao's certificate; stored in Secret NAME-ca.")
  Path caFile;

  @Option(
      names = "--insecure-skip-tls-verify",
      description = "Do not verify OpenBao's certificate. Testing only: the token can be read.")
  boolean insecureSkipTlsVerify;

  public Path caFile() {
    return caFile;
  }

  public boolean insecureSkipTlsVerify() {
    return insecureSkipTlsVerify;
  }

  /** Says once, on stderr, what skipping verification costs. */
  public void warnIfInsecure(PrintWriter err) {
    if (insecureSkipTlsVerify) {
      err.println(
          "warning: --insecure-skip-tls-verify: OpenBao's certificate is not checked, so anyone on"
              + " the network path can read the token; use --ca-file outside of tests.");
      err.flush();
    }
  }

  /** Whether either flag was given. */
  public boolean given() {
    return caFile != null || insecureSkipTlsVerify;
  }
}
