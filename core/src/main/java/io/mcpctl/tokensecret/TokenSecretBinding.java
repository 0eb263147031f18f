package io.mcpctl.tokensecret;

import io.mcpctl.api.v1alpha1.CommandHints;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.text.Sentences;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a token Secret to the one SecretBackend that may use it, to the OpenBao its token is for,
 * to how that OpenBao's certificate is checked, and says whether the operator may rotate (and so
 * revoke) the token. Whoever may edit a SecretBackend need not be allowed to read the namespace's
 * Secrets, and the operator (and a user running the plugin) may read more than they can: without
 * the binding a SecretBackend naming an application's Secret and an address of the attacker's, or
 * the right Secret with certificate checks turned off, would make them deliver a credential there
 * (a confused deputy).
 *
 * <p>A Secret is bound when its type is {@link #TYPE} (Kubernetes never lets a Secret's type
 * change, so turning an application's Secret into a token Secret means recreating it, which needs
 * its value) and its annotations name the backend, the address and the TLS check. Nothing reads,
 * sends, revokes or deletes what an unbound Secret holds.
 */
public final class TokenSecretBinding {

  /** The Secret type of every token Secret. */
  public static final String TYPE = "mcpctl.io/openbao-token";

  /** Names the SecretBackend (in the Secret's namespace) that may use the Secret. */
  public static final String BACKEND_ANNOTATION = "mcpctl.io/secretbackend";

  /** The OpenBao address the token may be sent to, as the backend's spec writes it. */
  public static final String ADDRESS_ANNOTATION = "mcpctl.io/openbao-address";

  /**
   * How an https OpenBao's certificate must be checked before the token is sent: {@value
   * #TLS_SYSTEM}, {@value #TLS_INSECURE}, or {@code ca-sha256:<hex>} for a CA bundle. Absent means
   * {@value #TLS_SYSTEM}.
   */
  public static final String TLS_ANNOTATION = "mcpctl.io/openbao-tls";

  /** Set to {@value #OPERATOR_ROTATES} when the operator may rotate and revoke the tokens. */
  public static final String ROTATION_ANNOTATION = "mcpctl.io/rotation";

  public static final String OPERATOR_ROTATES = "operator";
  public static final String TLS_SYSTEM = "system";
  public static final String TLS_INSECURE = "insecure";
  private static final String TLS_CA_PREFIX = "ca-sha256:";

  /** The longest part of a value from the Secret that a message quotes. */
  private static final int QUOTED_LENGTH = 80;

  private TokenSecretBinding() {}

  /**
   * What a token Secret is bound to.
   *
   * @param tls as {@link #tls(boolean, Optional)} words it
   * @param operatorRotates whether the operator may rotate the token (and revoke it)
   */
  public record Binding(String backend, String address, String tls, boolean operatorRotates) {

    /** A token the operator keeps alive: the wizard's. */
    public static Binding rotated(String backend, String address, String tls) {
      return new Binding(backend, address, tls, true);
    }

    /** A token given by hand, which the operator only checks. */
    public static Binding fixed(String backend, String address, String tls) {
      return new Binding(backend, address, tls, false);
    }

    /** The Secret's annotations that say so. */
    public Map<String, String> annotations() {
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put(BACKEND_ANNOTATION, backend);
      annotations.put(ADDRESS_ANNOTATION, normalized(address));
      annotations.put(TLS_ANNOTATION, tls);
      if (operatorRotates) {
        annotations.put(ROTATION_ANNOTATION, OPERATOR_ROTATES);
      }
      return Map.copyOf(annotations);
    }
  }

  /**
   * The TLS check a backend asks for: {@value #TLS_INSECURE} when it skips verification, else the
   * CA bundle's SHA-256, else {@value #TLS_SYSTEM}.
   */
  public static String tls(boolean insecureSkipVerify, Optional<String> caBundlePem) {
    if (insecureSkipVerify) {
      return TLS_INSECURE;
    }
    return caBundlePem.map(pem -> TLS_CA_PREFIX + sha256(pem.strip())).orElse(TLS_SYSTEM);
  }

  /**
   * Why the Secret may not be used as {@code expected} says, in one sentence that says how to bind
   * it; empty when it is bound so. A backend that does not rotate its token does not need the
   * operator's consent to rotate it.
   *
   * @param secretType the Secret's {@code type} (null reads as Opaque)
   * @param annotations the Secret's annotations (null for none)
   */
  public static Optional<String> problem(
      String secretType,
      Map<String, String> annotations,
      String namespace,
      String secretName,
      Binding expected) {
    Map<String, String> present = annotations == null ? Map.of() : annotations;
    String secret = "Secret " + namespace + "/" + secretName;
    String backend = expected.backend();
    String wizard = CommandHints.wizard(namespace, backend);
    if (!TYPE.equals(secretType)) {
      return Optional.of(
          secret
              + " has type "
              + (secretType == null || secretType.isBlank() ? "Opaque" : shown(secretType))
              + ", not "
              + TYPE
              + ", so it is not a token Secret and SecretBackend "
              + backend
              + " may not use it; to bind a token Secret to it, run '"
              + wizard
              + "', or store the token in a Secret of type "
              + TYPE
              + " annotated "
              + BACKEND_ANNOTATION
              + "="
              + backend
              + " and "
              + ADDRESS_ANNOTATION
              + "="
              + normalized(expected.address())
              + ".");
    }
    String boundTo = present.get(BACKEND_ANNOTATION);
    if (boundTo == null || boundTo.isBlank()) {
      return Optional.of(
          secret
              + " is not bound to any SecretBackend, so "
              + backend
              + " may not use it; annotate it "
              + BACKEND_ANNOTATION
              + "="
              + backend
              + " or run '"
              + wizard
              + "'.");
    }
    if (!boundTo.equals(backend)) {
      return Optional.of(
          secret
              + " is bound to SecretBackend "
              + shown(boundTo)
              + ", so "
              + backend
              + " may not use it; give each backend a token Secret of its own (the wizard"
              + " creates "
              + backend
              + "-token), and point spec.openbao.auth.tokenSecretRef at it.");
    }
    String boundAddress = present.get(ADDRESS_ANNOTATION);
    if (boundAddress == null || !sameAddress(boundAddress, expected.address())) {
      return Optional.of(
          secret
              + " holds a token for OpenBao at "
              + (boundAddress == null || boundAddress.isBlank()
                  ? "(no address)"
                  : shown(OpenBaoConnection.quotable(boundAddress)))
              + ", not at "
              + normalized(expected.address())
              + ", so the token is not sent there; if OpenBao really moved, set the Secret's"
              + " annotation "
              + ADDRESS_ANNOTATION
              + "="
              + normalized(expected.address())
              + " (or re-run the wizard).");
    }
    String boundTls = Optional.ofNullable(present.get(TLS_ANNOTATION)).orElse(TLS_SYSTEM);
    if (isHttps(expected.address()) && !boundTls.equals(expected.tls())) {
      return Optional.of(
          secret
              + " holds a token to be sent only to an OpenBao whose certificate is "
              + describeTls(boundTls)
              + ", and the backend now asks for one "
              + describeTls(expected.tls())
              + ", so the token is not sent; if that change is meant, set the Secret's annotation "
              + TLS_ANNOTATION
              + "="
              + expected.tls()
              + " (or re-run the wizard).");
    }
    if (expected.operatorRotates() && !OPERATOR_ROTATES.equals(present.get(ROTATION_ANNOTATION))) {
      return Optional.of(
          secret
              + " holds a token given to "
              + backend
              + " as a static one (no annotation "
              + ROTATION_ANNOTATION
              + "="
              + OPERATOR_ROTATES
              + "), so the operator neither rotates nor revokes it; turn rotation off in the"
              + " spec, or set that annotation if the token is the backend's alone.");
    }
    return Optional.empty();
  }

  /** Whether two addresses are the same OpenBao as a connection would use them. */
  public static boolean sameAddress(String a, String b) {
    return normalized(a).equals(normalized(b));
  }

  /** The address as a connection would use it (scheme lower-cased, no final slash). */
  static String normalized(String address) {
    try {
      return OpenBaoConnection.of(address).address().toString();
    } catch (IllegalArgumentException notAnAddress) {
      return address == null ? "" : address.strip();
    }
  }

  private static boolean isHttps(String address) {
    return normalized(address).startsWith("https:");
  }

  /**
   * A value read from the Secret's annotations or type, as a message quotes it: whoever may edit
   * the Secret chose it, and the message goes to the backend's status, an event and the log.
   */
  private static String shown(String value) {
    return Sentences.oneLine(value, QUOTED_LENGTH);
  }

  private static String describeTls(String tls) {
    if (tls.equals(TLS_INSECURE)) {
      return "not verified at all (insecureSkipVerify)";
    }
    if (tls.startsWith(TLS_CA_PREFIX)) {
      return "signed by the CA bundle with SHA-256 "
          + shown(
              tls.substring(
                  TLS_CA_PREFIX.length(), Math.min(tls.length(), TLS_CA_PREFIX.length() + 12)))
          + "…";
    }
    return "verified with the system trust store";
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException everyJdkHasIt) {
      throw new IllegalStateException(everyJdkHasIt);
    }
  }
}
