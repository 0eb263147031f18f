package io.mcpctl.secrets.migrate;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link SecretMigration} runs.
 *
 * @param dryRun only read both sides and report what a real run would do
 * @param keepSource leave each secret on the source after its copy is verified
 * @param overwrite replace a different value on the target instead of reporting a conflict
 * @param labelSelector only the source secrets whose Kubernetes labels match; a source without
 *     labels (openbao) refuses it
 */
public record MigrationOptions(
    boolean dryRun, boolean keepSource, boolean overwrite, Optional<String> labelSelector) {

  public MigrationOptions {
    Objects.requireNonNull(labelSelector, "labelSelector");
  }

  /** Move everything: copy, verify, remove from the source; conflicts are left alone. */
  public static MigrationOptions moveAll() {
    return new MigrationOptions(false, false, false, Optional.empty());
  }
}
