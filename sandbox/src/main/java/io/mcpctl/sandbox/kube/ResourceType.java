package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpctl.sandbox.kube.schema.CustomResourceSchemaValidator;
import java.util.List;
import java.util.Optional;

/**
 * One resource the embedded API serves: its names (for discovery and messages), its scope, its
 * subresources, the columns {@code kubectl get} shows, and for custom resources the schema that
 * defaults and validates them.
 *
 * @param schema the CRD version's {@code openAPIV3Schema}, published for {@code kubectl explain}
 * @param validator present for custom resources whose CRD version has an {@code openAPIV3Schema}
 */
record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    boolean statusSubresource,
    boolean custom,
    List<PrinterColumn> printerColumns,
    Optional<JsonNode> schema,
    Optional<CustomResourceSchemaValidator> validator) {

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code secretbackends.mcpctl.io}, or just {@code secrets} for the core group. */
  String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** {@code SecretBackend.mcpctl.io}, or just {@code Secret} for the core group. */
  String qualifiedKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }

  boolean matches(String group, String version, String plural) {
    return this.group.equals(group) && this.version.equals(version) && this.plural.equals(plural);
  }
}
