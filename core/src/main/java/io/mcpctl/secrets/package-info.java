/**
 * MCP secrets and the backends that hold them.
 *
 * <p>An {@link io.mcpctl.secrets.McpSecret} is a named map of keys to byte values in a namespace.
 * {@link io.mcpctl.secrets.SecretStores} resolves a backend name to a {@link
 * io.mcpctl.secrets.SecretStore}: the {@link io.mcpctl.secrets.KubernetesSecretStore} (a Secret per
 * MCP secret, labelled {@code mcpctl.io/backend=<backend>}) or the {@link
 * io.mcpctl.secrets.OpenBaoSecretStore} (the KV v2 entry {@code
 * <mount>/data/<prefix>/<namespace>/<name>}, encoded as {@link io.mcpctl.secrets.KvEntryFormat}
 * says). Writes and deletes are check-and-set, which lets {@link
 * io.mcpctl.secrets.migrate.SecretMigration} detect conflicts.
 */
package io.mcpctl.secrets;
