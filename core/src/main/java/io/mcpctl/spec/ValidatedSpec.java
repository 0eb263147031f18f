package io.mcpctl.spec;

import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
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

  public boolean isRotatable() {
    return rotation.isPresent();
  }
}
