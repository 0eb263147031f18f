package io.mcpctl.sandbox.kube.rbac;

import java.util.Optional;

/**
 * What a request asks to do, in RBAC's terms (Kubernetes' authorizer attributes).
 *
 * @param verb get, list, watch, create, update, patch, delete, deletecollection (or a non-resource
 *     verb such as get)
 * @param apiGroup "" for the core group
 * @param resource the plural, such as {@code secretbackends}; empty for a non-resource request
 * @param subresource such as {@code status}; empty when none
 * @param namespace empty for cluster-scoped requests and for requests across all namespaces
 * @param name empty for collections and for create
 * @param path the URL path, for non-resource requests such as {@code /version}
 */
public record AccessRequest(
    String verb,
    String apiGroup,
    String resource,
    String subresource,
    Optional<String> namespace,
    Optional<String> name,
    String path) {

  public static AccessRequest resource(
      String verb,
      String apiGroup,
      String resource,
      String subresource,
      Optional<String> namespace,
      Optional<String> name) {
    return new AccessRequest(verb, apiGroup, resource, subresource, namespace, name, "");
  }

  public static AccessRequest nonResource(String verb, String path) {
    return new AccessRequest(verb, "", "", "", Optional.empty(), Optional.empty(), path);
  }

  public boolean isResourceRequest() {
    return !resource.isEmpty();
  }

  /** {@code resource/subresource}, the form RBAC rules name subresources by. */
  public String combinedResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }
}
