package io.mcpctl.cli.audit;

import io.mcpctl.cli.backend.BackendOpenBao;
import io.mcpctl.cli.backend.CaBundle;
import io.mcpctl.cli.common.CliContext;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.PlainHttpWarning;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.OpenBaoNamespace;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The OpenBao an admin token belongs to, as its admin names it (flags, else the bao CLI's
 * variables): the server, the OpenBao namespace and the certificates to trust.
 */
final class AdminOpenBaoOptions {

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The address of the OpenBao your admin token belongs to (default: BAO_ADDR). The"
              + " audit stops unless the backend points there too: whoever may edit a"
              + " namespace's SecretBackend and token Secret may name any server in both.")
  String url;

  @Option(
      names = "--openbao-namespace",
      paramLabel = "PATH",
      description =
          "The OpenBao namespace of the backend, such as team-a/dev (default: BAO_NAMESPACE, else"
              + " the root namespace). The audit stops unless the backend names the same.")
  String openBaoNamespace;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description =
          "PEM CA bundle that signed OpenBao's certificate (default: BAO_CACERT, else the"
              + " system's CAs). The backend's own TLS settings are not used for the admin token.")
  Path caFile;

  @Option(
      names = "--insecure-skip-tls-verify",
      description =
          "Do not verify OpenBao's certificate. Testing only: the admin token can be read.")
  boolean insecureSkipTlsVerify;

  /**
   * Where the admin token goes, as the admin says: the token Secret's binding shows only that the
   * namespace agreed to its spec's address, and whoever may edit its SecretBackend and Secret
   * agrees with themselves, TLS settings and OpenBao namespace included. So the server and the
   * namespace are the admin's word, which the backend must match, and the trust is the admin's own.
   */
  OpenBaoConnection connectionFor(BackendOpenBao openBao, CliContext context, PrintWriter err) {
    URI backend = openBao.address();
    String named =
        Optional.ofNullable(url)
            .filter(given -> !given.isBlank())
            .or(() -> context.env("BAO_ADDR"))
            .orElseThrow(
                () ->
                    new CliException(
                        "Name the OpenBao your admin token belongs to with --url (or BAO_ADDR):"
                            + " the audit sends the admin token there only, and only when"
                            + " SecretBackend "
                            + openBao.label()
                            + " points there too."));
    OpenBaoConnection.Builder admin;
    URI address;
    try {
      admin = OpenBaoConnection.builder(named);
      address = admin.build().address();
    } catch (IllegalArgumentException invalid) {
      boolean fromFlag = url != null && !url.isBlank();
      throw new CliException((fromFlag ? "--url: " : "BAO_ADDR: ") + invalid.getMessage());
    }
    PlainHttpWarning.warnIfAdminTokenTravelsInClear(address, err);
    if (!address.equals(backend)) {
      throw new CliException(
          "SecretBackend "
              + openBao.label()
              + " points at "
              + backend
              + ", not at "
              + address
              + " that you named, so the audit sends your admin token to neither; if the backend"
              + " should use that OpenBao, find out who changed its spec.openbao.address.");
    }
    Optional<OpenBaoNamespace> stated;
    try {
      stated =
          OpenBaoNamespace.parse(
              Optional.ofNullable(openBaoNamespace)
                  .or(() -> context.env("BAO_NAMESPACE"))
                  .orElse(""));
    } catch (IllegalArgumentException invalid) {
      throw new CliException("--openbao-namespace: " + invalid.getMessage() + ".");
    }
    Optional<OpenBaoNamespace> specified = OpenBaoNamespace.parse(openBao.spec().getNamespace());
    if (!stated.equals(specified)) {
      throw new CliException(
          "SecretBackend "
              + openBao.label()
              + " names "
              + specified.map(ns -> "OpenBao namespace " + ns.path()).orElse("the root namespace")
              + ", not "
              + stated.map(ns -> "OpenBao namespace " + ns.path()).orElse("the root namespace")
              + " as you did (--openbao-namespace or BAO_NAMESPACE), so the audit sends your"
              + " admin token to neither.");
    }
    stated.ifPresent(ns -> admin.namespace(ns.path()));
    Optional.ofNullable(caFile)
        .or(() -> context.env("BAO_CACERT").map(Path::of))
        .map(CaBundle::read)
        .ifPresent(bundle -> admin.caBundlePem(bundle.pem()));
    admin.insecureSkipVerify(insecureSkipTlsVerify);
    if (insecureSkipTlsVerify) {
      err.println(
          "warning: --insecure-skip-tls-verify: OpenBao's certificate is not checked, so anyone"
              + " on the network path can read the admin token.");
    }
    try {
      return admin.build();
    } catch (IllegalArgumentException unusable) {
      throw new CliException("--ca-file: " + unusable.getMessage());
    }
  }
}
