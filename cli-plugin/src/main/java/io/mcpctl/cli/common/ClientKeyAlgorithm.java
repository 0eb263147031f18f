package io.mcpctl.cli.common;

import io.fabric8.kubernetes.client.internal.CertUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The algorithm of a kubeconfig's client key, as fabric8's key reader needs to be told it: from the
 * PEM header of a PKCS#1 or SEC1 key; for a PKCS#8 key (no type in its header) by reading it as EC,
 * which fabric8 does not try (it takes any such key for RSA and then fails on an EC one), while
 * kubectl reads both.
 */
final class ClientKeyAlgorithm {

  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private ClientKeyAlgorithm() {}

  /** "EC" or "RSA" for the key of base64 {@code data}, else of {@code file}. */
  static String of(String data, String file) throws IOException, GeneralSecurityException {
    String pem;
    try (InputStream key = CertUtils.getInputStreamFromDataOrFile(data, file)) {
      pem = new String(key.readAllBytes(), StandardCharsets.US_ASCII);
    }
    if (pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
      return "EC";
    }
    int begin = pem.indexOf(PKCS8_BEGIN);
    int end = pem.indexOf(PKCS8_END);
    if (begin < 0 || end < begin) {
      return "RSA";
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
    try {
      KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
      return "EC";
    } catch (InvalidKeySpecException notEc) {
      return "RSA";
    }
  }
}
