package io.mcpctl.secrets;

import io.mcpctl.api.v1alpha1.BackendType;
import java.util.List;
import java.util.Optional;

/**
 * The MCP secrets one backend holds in one namespace. Writes and deletes are check-and-set, so two
 * writers (or a migration and a person) can never silently overwrite each other.
 *
 * <p>Every failure is a {@link SecretStoreException}: {@link SecretConflictException} when a
 * check-and-set fails, {@link SecretUnusableException} when one secret cannot be used, {@link
 * BackendFailureException} when the backend itself fails.
 */
public interface SecretStore {

  /** The backend's name: a SecretBackend's, or {@code default} for the built-in store. */
  String backendName();

  BackendType type();

  /** The Kubernetes namespace whose secrets this store holds. */
  String namespace();

  /** Where the secrets live, for people (no credentials). */
  String location();

  /** The names of the secrets held, sorted. */
  List<String> names();

  /** Whether {@link #namesMatching(String)} can filter by Kubernetes labels. */
  boolean supportsLabelSelectors();

  /**
   * The names of the secrets whose labels match a Kubernetes label selector, sorted.
   *
   * @throws UnsupportedOperationException when {@link #supportsLabelSelectors()} is false
   */
  List<String> namesMatching(String labelSelector);

  /** The secret and its revision; empty when this backend holds no secret of that name. */
  Optional<StoredSecret> read(String name);

  /**
   * Writes a secret that must not exist yet.
   *
   * @return the revision written
   * @throws SecretConflictException when the backend already holds a secret of that name
   */
  Revision create(McpSecret secret);

  /**
   * Replaces a secret, only while it is still at {@code expected}.
   *
   * @return the revision written
   * @throws SecretConflictException when it changed or vanished since {@code expected} was read
   */
  Revision update(McpSecret secret, Revision expected);

  /**
   * Deletes a secret, only while it is still at {@code expected}.
   *
   * @return false when it was already gone
   * @throws SecretConflictException when it changed since {@code expected} was read
   */
  boolean delete(String name, Revision expected);
}
