package io.mcpctl.spec;

import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.schedule.RotationSettings;
import java.util.Optional;

/**
 * A spec that passed {@link SpecValidator}: what kind of backend it is and, for a rotating token,
 * the parsed rotation settings.
 *
 * @param openbao the OpenBao block, present for openbao backends
 * @param rotation present only when the token is rotated
 */
public record ValidatedSpec(
    BackendType type, Optional<OpenBaoSpec> openbao, Optional<RotationSettings> rotation) {

  /** Whether the token is rotated: the spec {@link #asksForRotation asks for it}. */
  public boolean isRotatable() {
    return rotation.isPresent();
  }

  /**
   * Whether {@code spec} asks for a rotated token: an openbao backend whose {@code
   * auth.rotation.enabled} is true. {@link SpecValidator} gives a valid such spec its rotation
   * settings; one it refuses still asks, which is what token health and the plugin go by.
   */
  public static boolean asksForRotation(SecretBackendSpec spec) {
    return spec != null
        && spec.backendType().filter(BackendType.OPENBAO::equals).isPresent()
        && spec.getOpenbao() != null
        && spec.getOpenbao().getAuth() != null
        && spec.getOpenbao().getAuth().isRotationEnabled();
  }
}
