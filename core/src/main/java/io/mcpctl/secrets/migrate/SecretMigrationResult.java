package io.mcpctl.secrets.migrate;

/**
 * What happened to one secret.
 *
 * @param detail one sentence for people; never a secret value
 */
public record SecretMigrationResult(String name, MigrationOutcome outcome, String detail) {}
