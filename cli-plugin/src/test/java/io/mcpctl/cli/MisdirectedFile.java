package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A file a user may hand to a flag by mistake, holding a secret the plugin must never print: the
 * files {@code sandbox up} writes next to the kubeconfig, and a token Secret's value saved from
 * kubectl. Each write draws a new random secret, so a hit in the plugin log (shared by every test
 * of the JVM) can only come from the run that wrote it.
 */
public enum MisdirectedFile {

  /** {@code DIR/admin-token}: an OpenBao root token and a newline. */
  OPENBAO_ROOT_TOKEN_FILE("admin-token") {
    @Override
    Written write(Path file) {
      String token = "s." + random(24);
      return Written.to(file, token + "\n", token);
    }
  },

  /** {@code DIR/openbao.env}: what {@code set -a; . openbao.env} reads. */
  OPENBAO_ENV_FILE("openbao.env") {
    @Override
    Written write(Path file) {
      String token = "hvs." + random(40);
      return Written.to(file, "BAO_ADDR=http://127.0.0.1:8200\nBAO_TOKEN=" + token + "\n", token);
    }
  },

  /** {@code kubectl get secret bao-token -o jsonpath='{.data.token}' | base64 -d > token}. */
  TOKEN_SECRET_VALUE("token") {
    @Override
    Written write(Path file) {
      String token = "hvs." + random(40);
      return Written.to(file, token, token);
    }
  },

  /**
   * The same value as {@code -o yaml} shows it: base64 with padding, so text with an '=' that a
   * KEY=VALUE reader splits into a "key" and a "value".
   */
  TOKEN_SECRET_DATA("token.b64") {
    @Override
    Written write(Path file) {
      // 31 bytes: base64 pads the last group with "==".
      String encoded =
          Base64.getEncoder()
              .encodeToString(("hvs." + random(27)).getBytes(StandardCharsets.US_ASCII));
      return Written.to(file, encoded + "\n", encoded);
    }
  };

  /** The shortest run of a secret's characters that counts as printing it. */
  static final int LEAKED_RUN = 6;

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String fileName;

  MisdirectedFile(String fileName) {
    this.fileName = fileName;
  }

  /** Writes this file, under its usual name, into {@code directory}. */
  public Written writeInto(Path directory) {
    return write(directory.resolve(fileName));
  }

  abstract Written write(Path file);

  private static String random(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  /** A written file and the secret in it. */
  public record Written(Path path, String secret) {

    static Written to(Path file, String content, String secret) {
      try {
        Files.createDirectories(file.getParent());
        return new Written(Files.writeString(file, content), secret);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Neither stream holds the secret, nor any {@value #LEAKED_RUN} characters in a row of it. */
    public void assertNotIn(CliHarness.Result result) {
      assertNotIn("stdout", result.stdout());
      assertNotIn("stderr", result.stderr());
    }

    /** The plugin's log (debug level in tests) holds no run of the secret either. */
    public void assertNotInPluginLog() {
      Path log = LeakCheck.pluginLog();
      if (Files.exists(log)) {
        try {
          assertNotIn("the plugin log", Files.readString(log, StandardCharsets.ISO_8859_1), "");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    private void assertNotIn(String where, String text) {
      assertNotIn(where, text, redacted(text));
    }

    private void assertNotIn(String where, String text, String shown) {
      for (int start = 0; start + LEAKED_RUN <= secret.length(); start++) {
        String run = secret.substring(start, start + LEAKED_RUN);
        assertThat(text.contains(run))
            .as(
                "%s holds characters %d to %d of the secret in %s:%n%s",
                where, start, start + LEAKED_RUN - 1, path, shown)
            .isFalse();
      }
    }

    /** {@code text} with every run of the secret masked, for a failure message. */
    private String redacted(String text) {
      String masked = text;
      for (int start = 0; start + LEAKED_RUN <= secret.length(); start++) {
        masked =
            masked.replace(secret.substring(start, start + LEAKED_RUN), "*".repeat(LEAKED_RUN));
      }
      return masked;
    }

    @Override
    public String toString() {
      return "Written[" + path + "]";
    }
  }
}
