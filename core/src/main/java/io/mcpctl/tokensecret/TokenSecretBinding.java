package io.mcpctl.tokensecret;

import io.mcpctl.api.v1alpha1.CommandHints;
import io.mcpctl.openbao.OpenBaoConnection;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a token Secret to the one SecretBackend that may use it, and to the OpenBao its token is
 * for. Whoever may create a SecretBackend need not be allowed to read the namespace's Secrets, and
 * the operator (and a user running the plugin) may read more than they can: without the binding a
 * SecretBackend naming an application's Secret and an address of the attacker's would make them
 * deliver that Secret's value (a confused deputy).
 *
 * <p>A Secret is bound when its type is {@link #TYPE} (Kubernetes never lets a Secret's type
 * change, so turning an application's Secret into a token Secret means recreating it, which needs
 * its value) and its annotations name the backend and the OpenBao address. Nothing reads, sends,
 * revokes or deletes what an unbound Secret holds.
 */
public final class TokenSecretBinding {

  /** The Secret type of every token Secret. */
  public static final String TYPE = "mcpctl.io/openbao-token";

  /** Names the SecretBackend (in the Secret's namespace) that may use the Secret. */
  public static final String BACKEND_ANNOTATION = "mcpctl.io/secretbackend";

  /** The OpenBao address the token may be sent to, as the backend's spec writes it. */
  public static final String ADDRESS_ANNOTATION = "mcpctl.io/openbao-address";

  private TokenSecretBinding() {}

  /** The annotations that bind a token Secret to {@code backend} at {@code address}. */
  public static Map<String, String> annotations(String backend, String address) {
    return Map.of(BACKEND_ANNOTATION, backend, ADDRESS_ANNOTATION, normalized(address));
  }

  /**
   * Why the Secret may not be used as the token Secret of {@code backend}, in one sentence that
   * says how to bind it; empty when it is bound to that backend and address.
   *
   * @param secretType the Secret's {@code type} (null reads as Opaque)
   * @param annotations the Secret's annotations (null for none)
   */
  public static Optional<String> problem(
      String secretType,
      Map<String, String> annotations,
      String namespace,
      String secretName,
      String backend,
      String address) {
    Map<String, String> present = annotations == null ? Map.of() : annotations;
    String secret = "Secret " + namespace + "/" + secretName;
    String howToBind =
        "; to bind a token Secret to it, run '"
            + CommandHints.wizard(namespace, backend)
            + "', or store the token in a Secret of type "
            + TYPE
            + " annotated "
            + BACKEND_ANNOTATION
            + "="
            + backend
            + " and "
            + ADDRESS_ANNOTATION
            + "="
            + normalized(address)
            + ".";
    if (!TYPE.equals(secretType)) {
      return Optional.of(
          secret
              + " has type "
              + (secretType == null || secretType.isBlank() ? "Opaque" : secretType)
              + ", not "
              + TYPE
              + ", so it is not a token Secret and SecretBackend "
              + backend
              + " may not use it"
              + howToBind);
    }
    String boundTo = present.get(BACKEND_ANNOTATION);
    if (boundTo == null || boundTo.isBlank()) {
      return Optional.of(
          secret
              + " is not bound to any SecretBackend, so "
              + backend
              + " may not use it"
              + howToBind);
    }
    if (!boundTo.equals(backend)) {
      return Optional.of(
          secret
              + " is bound to SecretBackend "
              + boundTo
              + ", so "
              + backend
              + " may not use it; give each backend a token Secret of its own (the wizard"
              + " creates "
              + backend
              + "-token), and point spec.openbao.auth.tokenSecretRef at it.");
    }
    String boundAddress = present.get(ADDRESS_ANNOTATION);
    if (boundAddress == null || !sameAddress(boundAddress, address)) {
      return Optional.of(
          secret
              + " holds a token for OpenBao at "
              + (boundAddress == null || boundAddress.isBlank() ? "(no address)" : boundAddress)
              + ", not at "
              + normalized(address)
              + ", so the token is not sent there; if OpenBao really moved, set the Secret's"
              + " annotation "
              + ADDRESS_ANNOTATION
              + "="
              + normalized(address)
              + " (or re-run the wizard).");
    }
    return Optional.empty();
  }

  private static boolean sameAddress(String a, String b) {
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
}
