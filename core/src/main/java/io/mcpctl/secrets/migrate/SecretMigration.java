package io.mcpctl.secrets.migrate;

import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.secrets.McpSecret;
import io.mcpctl.secrets.SecretConflictException;
import io.mcpctl.secrets.SecretStore;
import io.mcpctl.secrets.SecretStoreException;
import io.mcpctl.secrets.SecretUnusableException;
import io.mcpctl.secrets.StoredSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves the MCP secrets of one namespace from one store to another, one secret at a time: read it
 * from the source, create it on the target (check-and-set: create only, or replace only the version
 * just read), read it back and compare, and only then delete it from the source (only if the source
 * still holds the version that was copied).
 *
 * <p>Why a re-run finishes an interrupted run with nothing lost or duplicated, whatever the point
 * of interruption:
 *
 * <ul>
 *   <li>before the target write: the secret is still only on the source and is copied next time;
 *   <li>after the target write (whether or not its answer arrived, before or after the read-back):
 *       the target holds the same value, which the next run recognises as "already present" and
 *       completes by deleting the source;
 *   <li>after the source delete: the secret is no longer listed on the source and is done.
 * </ul>
 *
 * <p>The source is deleted only after the target was read back equal, and only at the revision that
 * was copied, so a value written to the source meanwhile is never lost: it stays there and the next
 * run reports it as a conflict. A different value already on the target is never replaced without
 * {@code overwrite}. A failure of one secret's data (conflict, unusable entry) is reported and the
 * run goes on; a failure of a backend stops the run, leaving every later secret untouched.
 */
public final class SecretMigration {

  private final SecretStore source;
  private final SecretStore target;
  private final MigrationOptions options;

  /**
   * @throws IllegalArgumentException when the two stores cannot be migrated between: different
   *     namespaces, the same backend or place, two kubernetes stores (a Secret name exists once per
   *     namespace), or a label selector for a source without labels
   */
  public SecretMigration(SecretStore source, SecretStore target, MigrationOptions options) {
    this.source = source;
    this.target = target;
    this.options = options;
    check();
  }

  /**
   * Migrates every secret the source lists (matching the label selector, if any).
   *
   * @throws io.mcpctl.secrets.SecretStoreException when the source cannot even be listed
   */
  public MigrationReport run() {
    List<String> names =
        options.labelSelector().map(source::namesMatching).orElseGet(source::names);
    List<SecretMigrationResult> results = new ArrayList<>();
    String stoppedAt = null;
    for (String name : names) {
      if (stoppedAt != null) {
        results.add(
            result(
                name,
                MigrationOutcome.NOT_ATTEMPTED,
                "not tried after the backend failed on "
                    + stoppedAt
                    + "; run again when it works"));
        continue;
      }
      try {
        results.add(migrate(name));
      } catch (SecretUnusableException | SecretConflictException secretProblem) {
        results.add(result(name, MigrationOutcome.FAILED, secretProblem.getMessage()));
      } catch (SecretStoreException backendUnusable) {
        // The backend failed or can no longer be used (its token Secret, read again after a
        // rejected token, is gone or no longer bound): the next secret would fail alike.
        results.add(result(name, MigrationOutcome.FAILED, backendUnusable.getMessage()));
        stoppedAt = name;
      }
    }
    return new MigrationReport(
        source.backendName(), target.backendName(), options.dryRun(), results);
  }

  private SecretMigrationResult migrate(String name) {
    Optional<StoredSecret> found = source.read(name);
    if (found.isEmpty()) {
      return result(name, MigrationOutcome.GONE, "no longer on " + from() + "; nothing to move");
    }
    McpSecret secret = found.get().secret();
    if (options.dryRun()) {
      return predict(found.get());
    }
    Copy copy = copy(found.get());
    if (copy.outcome() == MigrationOutcome.CONFLICT || copy.outcome() == MigrationOutcome.FAILED) {
      return result(name, copy.outcome(), copy.detail());
    }
    if (copy.needsReadBack()) {
      Optional<String> mismatch = readBackMismatch(secret);
      if (mismatch.isPresent()) {
        return result(name, MigrationOutcome.FAILED, mismatch.get());
      }
    }
    if (options.keepSource()) {
      MigrationOutcome outcome =
          copy.outcome() == MigrationOutcome.MOVED ? MigrationOutcome.COPIED : copy.outcome();
      return result(name, outcome, copy.detail() + "; kept on " + from() + " (--keep-source)");
    }
    try {
      source.delete(name, found.get().revision());
    } catch (SecretConflictException changedMeanwhile) {
      return result(
          name,
          MigrationOutcome.FAILED,
          "copied to "
              + to()
              + " and verified, but it changed on "
              + from()
              + " meanwhile, so the newer value was kept there; run again with --overwrite to"
              + " copy it");
    }
    return result(name, copy.outcome(), copy.detail() + "; removed from " + from());
  }

  /** The target write: create, or recognise the same value, or replace (overwrite) the read one. */
  private Copy copy(StoredSecret found) {
    McpSecret secret = found.secret();
    try {
      target.create(secret);
      return new Copy(MigrationOutcome.MOVED, "copied to " + to() + " and verified", true);
    } catch (SecretConflictException exists) {
      Optional<StoredSecret> current = target.read(secret.name());
      if (current.isPresent() && current.get().sameWriteAs(found)) {
        return new Copy(MigrationOutcome.FAILED, sameEntry(), false);
      }
      if (current.isPresent() && current.get().secret().equals(secret)) {
        // The read that found it is the read-back: nothing was written, nothing to verify again.
        return new Copy(
            MigrationOutcome.ALREADY_PRESENT, to() + " already holds the same value", false);
      }
      if (current.isEmpty()) {
        return conflict(to() + " changed while this run wrote to it; run again");
      }
      if (!options.overwrite()) {
        return conflict(
            to() + " holds a different value; left alone on both (--overwrite replaces it)");
      }
      try {
        target.update(secret, current.get().revision());
      } catch (SecretConflictException changed) {
        return conflict(to() + " changed while this run replaced it; run again");
      }
      return new Copy(
          MigrationOutcome.OVERWRITTEN,
          "replaced the different value on " + to() + " (--overwrite) and verified",
          true);
    }
  }

  /**
   * The target's entry is the source's own: the two backends reach one OpenBao entry under two
   * addresses (another spelling of the host, an IP address, a default port written out), and
   * deleting the "source" would delete the only copy.
   */
  private String sameEntry() {
    return to()
        + " holds this very entry of "
        + from()
        + " (one OpenBao reached under two addresses), so nothing was copied or removed; there is"
        + " nothing to migrate between these two backends.";
  }

  private Optional<String> readBackMismatch(McpSecret written) {
    Optional<StoredSecret> readBack = target.read(written.name());
    if (readBack.isEmpty()) {
      return Optional.of(
          "vanished from " + to() + " right after it was written; kept on " + from());
    }
    if (!readBack.get().secret().equals(written)) {
      return Optional.of(
          "read back from "
              + to()
              + " differently from what was written (changed meanwhile?); kept on "
              + from());
    }
    return Optional.empty();
  }

  private SecretMigrationResult predict(StoredSecret found) {
    McpSecret secret = found.secret();
    Optional<StoredSecret> current = target.read(secret.name());
    String name = secret.name();
    if (current.isPresent() && current.get().sameWriteAs(found)) {
      return result(name, MigrationOutcome.FAILED, sameEntry());
    }
    String sourceFate = options.keepSource() ? "keep it on " : "remove it from ";
    if (current.isEmpty()) {
      return result(
          name,
          options.keepSource() ? MigrationOutcome.WOULD_COPY : MigrationOutcome.WOULD_MOVE,
          "would copy to " + to() + ", verify, and " + sourceFate + from());
    }
    if (current.get().secret().equals(secret)) {
      return result(
          name,
          MigrationOutcome.ALREADY_PRESENT,
          to() + " already holds the same value; would " + sourceFate + from());
    }
    if (options.overwrite()) {
      return result(
          name,
          MigrationOutcome.WOULD_OVERWRITE,
          "would replace the different value on " + to() + " and " + sourceFate + from());
    }
    return result(
        name,
        MigrationOutcome.CONFLICT,
        to() + " holds a different value; would be left alone (--overwrite replaces it)");
  }

  private void check() {
    if (!source.namespace().equals(target.namespace())) {
      throw new IllegalArgumentException(
          "Source and target are in different namespaces ("
              + source.namespace()
              + ", "
              + target.namespace()
              + "); migrate within one namespace.");
    }
    if (source.backendName().equals(target.backendName())) {
      throw new IllegalArgumentException(
          "--from and --to both name backend " + from() + "; pick two different backends.");
    }
    if (source.location().equals(target.location())) {
      throw new IllegalArgumentException(
          "Backends "
              + from()
              + " and "
              + to()
              + " keep their secrets in the same place ("
              + source.location()
              + "); there is nothing to migrate.");
    }
    if (source.type() == BackendType.KUBERNETES && target.type() == BackendType.KUBERNETES) {
      throw new IllegalArgumentException(
          "Backends "
              + from()
              + " and "
              + to()
              + " both keep secrets as Kubernetes Secrets, and a Secret name exists only once per"
              + " namespace; relabel them with 'kubectl label secret NAME mcpctl.io/backend="
              + to()
              + " --overwrite' instead.");
    }
    if (options.labelSelector().isPresent() && !source.supportsLabelSelectors()) {
      throw new IllegalArgumentException(
          "-l selects by Kubernetes labels, and backend "
              + from()
              + " keeps its secrets in OpenBao, which has no labels; drop -l to migrate all of"
              + " them.");
    }
  }

  private String from() {
    return source.backendName();
  }

  private String to() {
    return target.backendName();
  }

  private static SecretMigrationResult result(
      String name, MigrationOutcome outcome, String detail) {
    return new SecretMigrationResult(name, outcome, detail);
  }

  private static Copy conflict(String detail) {
    return new Copy(MigrationOutcome.CONFLICT, detail, false);
  }

  /** The outcome of the target write, and whether it still needs its read-back. */
  private record Copy(MigrationOutcome outcome, String detail, boolean needsReadBack) {}
}
