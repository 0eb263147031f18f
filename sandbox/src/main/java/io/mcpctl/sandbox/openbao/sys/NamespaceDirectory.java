package io.mcpctl.sandbox.openbao.sys;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The namespaces below one namespace, as {@code sys/namespaces} in that namespace sees them. Paths
 * are canonical (trailing slash, {@code ""} for root); names are one segment.
 */
public interface NamespaceDirectory {

  /** One namespace as {@code sys/namespaces} shows it. */
  record Entry(String id, String uuid, String path, Map<String, String> customMetadata) {}

  /** The direct children of {@code parentPath}, in path order. */
  List<Entry> children(String parentPath);

  Optional<Entry> child(String parentPath, String name);

  /** Creates the child or, when it exists, replaces its custom metadata, as OpenBao does. */
  Entry put(String parentPath, String name, Map<String, String> customMetadata);

  /**
   * Deletes a child without children of its own, revoking its tokens; empty when it did not exist.
   */
  Optional<String> delete(String parentPath, String name);
}
