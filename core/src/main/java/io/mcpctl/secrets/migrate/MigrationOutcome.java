package io.mcpctl.secrets.migrate;

/** What happened to one secret in a migration, or (in a dry run) what would happen. */
public enum MigrationOutcome {
  /** Copied, read back equal, removed from the source. */
  MOVED("moved", false),
  /** Copied and read back equal; kept on the source (--keep-source). */
  COPIED("copied", false),
  /** The target already held the same value (e.g. from an interrupted run); nothing written. */
  ALREADY_PRESENT("already present", false),
  /** The target's different value was replaced (--overwrite) and read back equal. */
  OVERWRITTEN("overwritten", false),
  /** The secret was listed but gone from the source by the time it was read. */
  GONE("gone", false),
  WOULD_MOVE("would move", false),
  WOULD_COPY("would copy", false),
  WOULD_OVERWRITE("would overwrite", false),
  /** The target holds a different value; both sides left alone. */
  CONFLICT("conflict", true),
  /** This secret could not be migrated; its source is untouched. */
  FAILED("failed", true),
  /** Not tried, because the backend failed on an earlier secret. */
  NOT_ATTEMPTED("not attempted", true);

  private final String label;
  private final boolean unfinished;

  MigrationOutcome(String label, boolean unfinished) {
    this.label = label;
    this.unfinished = unfinished;
  }

  /** How people read it, e.g. {@code already present}. */
  public String label() {
    return label;
  }

  /** True when the secret still waits on the source for a later run (or a person). */
  public boolean unfinished() {
    return unfinished;
  }
}
