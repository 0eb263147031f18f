package io.mcpctl.operator.rotation;

import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoPaths;
import io.mcpctl.schedule.RotationSettings;
import java.util.Optional;

/**
 * One backend as the rotator sees it.
 *
 * @param address the OpenBao address as the spec writes it; the token Secret must be bound to it
 * @param openbao a client without a token; the rotator adds the token of each call
 * @param rotation present when the token is rotated
 */
public record BackendTarget(
    String namespace,
    String name,
    SecretKeyRef tokenSecretRef,
    String address,
    String kvMount,
    String kvPathPrefix,
    Optional<RotationSettings> rotation,
    OpenBaoClient openbao) {

  /** {@code <pathPrefix>/<namespace>}: the KV folder of this backend's namespace. */
  public String kvFolder() {
    return OpenBaoPaths.namespaceFolder(kvPathPrefix, namespace);
  }

  /** {@code namespace/name}, the key of the per-backend lock and of log lines. */
  public String key() {
    return namespace + "/" + name;
  }
}
