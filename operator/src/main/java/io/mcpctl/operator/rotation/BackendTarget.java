package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoPaths;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.util.Optional;

/**
 * One backend as the rotator sees it.
 *
 * @param address the OpenBao address as the spec writes it; the token Secret must be bound to it
 * @param tls the certificate check the spec asks for ({@link TokenSecretBinding#tls}); the token
 *     Secret must be bound to it
 * @param openbao a client without a token; the rotator adds the token of each call
 * @param rotation present when the token is rotated
 */
public record BackendTarget(
    String namespace,
    String name,
    SecretKeyRef tokenSecretRef,
    String address,
    String tls,
    String kvMount,
    String kvPathPrefix,
    Optional<RotationSettings> rotation,
    OpenBaoClient openbao) {

  /** {@code <pathPrefix>/<namespace>}: the KV folder of this backend's namespace. */
  public String kvFolder() {
    return OpenBaoPaths.namespaceFolder(kvPathPrefix, namespace);
  }

  /** What the token Secret must be bound to for this backend to use it as it is configured. */
  public TokenSecretBinding.Binding binding() {
    return new TokenSecretBinding.Binding(name, address, tls, rotation.isPresent());
  }

  /** {@code namespace/name}, the key of the per-backend lock and of log lines. */
  /** The token consumers use: the Secret's value at the ref's key, which passed the check. */
  public VaultToken currentToken(TokenSecret secret) {
    return secret.token(tokenSecretRef.getKey()).orElseThrow();
  }

  public String key() {
    return namespace + "/" + name;
  }
}
