package io.mcpctl.cli.backend;

import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.InputFiles;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CA bundle that {@code --ca-file} names: its path, for messages, and its PEM text, which
 * becomes Secret NAME-ca. A file without a PEM certificate is refused before anything is sent or
 * stored, so a token file passed by mistake never reaches a Secret, and so is one with a private
 * key (a certificate and its key in one PEM), which would put the key in a Secret that only needs
 * certificates; whether the certificates can be read is for the OpenBao client to find out when it
 * builds its trust store ({@link #unreadable}).
 */
public record CaBundle(Path file, String pem) {

  private static final String FLAG = "--ca-file";
  private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

  /** PKCS#8 (plain or encrypted), PKCS#1 RSA, SEC1 EC, DSA and OpenSSH keys alike. */
  private static final Pattern PEM_PRIVATE_KEY =
      Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");

  private static final String WHAT_TO_DO =
      "; pass the PEM file of the CA that signed OpenBao's certificate.";

  /** The bundle of {@code --ca-file}, when given. */
  public static Optional<CaBundle> of(TlsOptions tls) {
    return Optional.ofNullable(tls.caFile()).map(CaBundle::read);
  }

  public static CaBundle read(Path file) {
    String pem = InputFiles.read(FLAG, file);
    if (!pem.contains(PEM_CERTIFICATE)) {
      throw new CliException(
          "The file " + file + " given to " + FLAG + " holds no PEM certificate" + WHAT_TO_DO);
    }
    if (PEM_PRIVATE_KEY.matcher(pem).find()) {
      throw new CliException(
          "The file "
              + file
              + " given to "
              + FLAG
              + " holds a private key, which would be stored in a Secret with the certificates;"
              + " pass a file with only the CA certificates.");
    }
    return new CaBundle(file, pem);
  }

  /** The sentence for a bundle whose certificates the OpenBao client could not read. */
  public CliException unreadable() {
    return new CliException(
        "The file "
            + file
            + " given to "
            + FLAG
            + " holds no certificate that can be read"
            + WHAT_TO_DO);
  }

  @Override
  public String toString() {
    return "CaBundle[" + file + "]";
  }
}
