package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.kube.schema.CustomResourceSchemaValidator;
import io.mcpctl.sandbox.kube.schema.FieldError;
import io.mcpctl.time.Rfc3339;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What the API server does with a request for an object or a collection, on top of the plain store:
 * names, namespaces, optimistic concurrency, status subresources, defaulting and schema validation
 * of custom resources, finalizers, and what follows a deletion (owned objects, a namespace's
 * contents, a CRD's custom resources go too).
 *
 * <p>Callers serialise writes; reads may run alongside them.
 */
final class ResourceRequests {

  private static final long MAX_SECRET_BYTES = 1024 * 1024;

  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final ObjectStore store;
  private final ResourceCatalog catalog;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private final NamespaceLifecycle namespaces;

  ResourceRequests(ObjectStore store, ResourceCatalog catalog, Clock clock) {
    this.namespaces = new NamespaceLifecycle(store, catalog);
    this.store = store;
    this.catalog = catalog;
    this.clock = clock;
  }

  ApiResponse get(ApiRequest request, ResourcePath path, ResourceType type) {
    if (!path.isCollection()) {
      ObjectNode object = store.get(path).orElseThrow(() -> ApiError.notFound(type, path.name()));
      if (TableRenderer.wanted(request.accept())) {
        return ApiResponse.ok(
            TableRenderer.render(
                type,
                List.of(object),
                Json.text(object, "metadata.resourceVersion").orElse(""),
                clock.instant(),
                request.query().get("includeObject")));
      }
      return ApiResponse.ok(object);
    }
    ObjectStore.Listing listing = list(request, path);
    ListPages.Page page =
        ListPages.of(
            listing.items(),
            listing.resourceVersion(),
            request.query().get("limit"),
            request.query().get("continue"));
    ObjectNode list;
    if (TableRenderer.wanted(request.accept())) {
      list =
          TableRenderer.render(
              type,
              page.items(),
              listing.resourceVersion(),
              clock.instant(),
              request.query().get("includeObject"));
    } else {
      list = Json.object().put("apiVersion", type.groupVersion()).put("kind", type.kind() + "List");
      list.putObject("metadata").put("resourceVersion", listing.resourceVersion());
      ArrayNode items = list.putArray("items");
      page.items().forEach(items::add);
    }
    page.continueToken()
        .ifPresent(
            next -> {
              ObjectNode metadata = Json.metadata(list).put("continue", next);
              // The real server counts what remains only when no selector narrows the list.
              if (request.query().getOrDefault("labelSelector", "").isEmpty()
                  && request.query().getOrDefault("fieldSelector", "").isEmpty()) {
                metadata.put("remainingItemCount", page.remainingItemCount());
              }
            });
    return ApiResponse.ok(list);
  }

  ApiResponse create(ApiRequest request, ResourcePath path, ResourceType type) {
    return create(request, path, type, RequestBodies.decode(request));
  }

  ApiResponse replace(ApiRequest request, ResourcePath path, ResourceType type) {
    ObjectNode current = store.get(path).orElseThrow(() -> ApiError.notFound(type, path.name()));
    return update(request, path, type, current, RequestBodies.decode(request));
  }

  ApiResponse patch(ApiRequest request, ResourcePath path, ResourceType type) {
    String mediaType = Patches.mediaType(request.contentType());
    Optional<ObjectNode> current = store.get(path);
    if (current.isEmpty()) {
      if (mediaType.equals(Patches.APPLY_PATCH) && path.subresource() == null) {
        ObjectNode applied = Json.parseYamlObject(request.bodyText());
        return create(request, path.collection(), type, withName(applied, path.name()));
      }
      throw ApiError.notFound(type, path.name());
    }
    ObjectNode patched = Patches.apply(mediaType, request.bodyText(), current.get(), type);
    return update(request, path, type, current.get(), patched);
  }

  ApiResponse delete(ApiRequest request, ResourcePath path, ResourceType type) {
    if (path.isCollection()) {
      ObjectNode list =
          Json.object().put("apiVersion", type.groupVersion()).put("kind", type.kind() + "List");
      ArrayNode items = list.putArray("items");
      for (ObjectNode object : list(request, path).items()) {
        ResourcePath objectPath =
            new ResourcePath(
                path.group(),
                path.version(),
                Json.text(object, "metadata.namespace").orElse(null),
                path.plural(),
                Json.text(object, "metadata.name").orElseThrow(),
                null);
        items.add(
            request.isDryRun() ? object : deleteObject(objectPath, object, cascades(request)));
      }
      return ApiResponse.ok(list);
    }
    ObjectNode current = store.get(path).orElseThrow(() -> ApiError.notFound(type, path.name()));
    checkDeletePreconditions(request, type, path.name(), current);
    if (request.isDryRun()) {
      return ApiResponse.ok(current);
    }
    return ApiResponse.ok(deleteObject(path, current, cascades(request)));
  }

  private ObjectStore.Listing list(ApiRequest request, ResourcePath path) {
    // Only read: the items go into the answer as they are.
    ObjectStore.Listing listing =
        store.listToRead(path.collection(), request.query().get("labelSelector"));
    FieldSelector fields = FieldSelector.parse(request.query().get("fieldSelector"));
    return new ObjectStore.Listing(
        listing.items().stream().filter(fields::matches).toList(), listing.resourceVersion());
  }

  private ApiResponse create(
      ApiRequest request, ResourcePath collection, ResourceType type, ObjectNode object) {
    checkKind(type, object);
    ObjectNode metadata = Json.metadata(object);
    if (Json.text(object, "metadata.name").isEmpty()) {
      String prefix =
          Json.text(object, "metadata.generateName")
              .orElseThrow(
                  () ->
                      ApiError.invalid(
                          type,
                          "",
                          List.of(
                              new FieldError(
                                  "metadata.name",
                                  "Required value: name or generateName is required"))));
      metadata.put("name", prefix + randomSuffix());
    }
    String name = metadata.path("name").asText();
    ObjectNames.check(type, name);
    placeInNamespace(type, collection, metadata);
    namespaces.admitCreate(type, name, collection.namespace());
    if (store.get(collection.withName(name)).isPresent()) {
      throw ApiError.alreadyExists(type, name);
    }
    for (String serverOwned :
        List.of("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "generation")) {
      metadata.remove(serverOwned);
    }
    if (type.statusSubresource()) {
      object.remove("status");
    }
    admit(type, name, object);
    if (request.isDryRun()) {
      return ApiResponse.created(object);
    }
    return ApiResponse.created(store.create(collection, object));
  }

  private ApiResponse update(
      ApiRequest request,
      ResourcePath path,
      ResourceType type,
      ObjectNode current,
      ObjectNode candidate) {
    checkKind(type, candidate);
    ObjectNode candidateMetadata = Json.metadata(candidate);
    String name = Json.text(candidate, "metadata.name").orElse(path.name());
    if (!name.equals(path.name())) {
      throw ApiError.badRequest(
          "the name of the object ("
              + name
              + ") does not match the name on the URL ("
              + path.name()
              + ")");
    }
    candidateMetadata.put("name", name);
    placeInNamespace(type, path, candidateMetadata);
    Optional<String> expectedVersion = Json.text(candidate, "metadata.resourceVersion");
    String currentVersion = Json.text(current, "metadata.resourceVersion").orElse("");
    if (expectedVersion.isPresent() && !expectedVersion.get().equals(currentVersion)) {
      throw ApiError.conflict(type, name);
    }

    ObjectNode updated;
    if ("status".equals(path.subresource())) {
      updated = current.deepCopy();
      copyField(candidate, updated, "status");
    } else {
      updated = candidate;
      if (type.statusSubresource()) {
        copyField(current, updated, "status");
      }
    }
    ObjectNode metadata = Json.metadata(updated);
    metadata.put("resourceVersion", currentVersion);
    copyField(current.path("metadata"), metadata, "deletionTimestamp");
    admit(type, name, updated);
    refuseImmutableChanges(type, name, current, updated);
    if (request.isDryRun()) {
      return ApiResponse.ok(updated);
    }
    Optional<ObjectNode> stored = store.replace(path, updated);
    if (stored.isEmpty()) {
      removeDependents(current, catalog.typesDefinedBy(current));
      Json.text(current, "metadata.namespace").ifPresent(namespaces::finishIfEmpty);
      return ApiResponse.ok(updated);
    }
    return ApiResponse.ok(stored.get());
  }

  /**
   * A Secret's type never changes once created (the API server answers 422 "field is immutable"),
   * so a client that wants another type must delete and recreate the Secret.
   */
  private static void refuseImmutableChanges(
      ResourceType type, String name, ObjectNode current, ObjectNode updated) {
    if (type.custom() || !type.plural().equals("secrets")) {
      return;
    }
    String before = current.path("type").asText();
    String after = updated.path("type").asText();
    if (!before.equals(after)) {
      throw ApiError.invalid(
          type,
          name,
          List.of(new FieldError("type", "Invalid value: \"" + after + "\": field is immutable")));
    }
  }

  /** Defaults, then validates against the schema: what admission does on every write. */
  private void admit(ResourceType type, String name, ObjectNode object) {
    BuiltInDefaults.apply(type, object, clock.instant());
    refuseOversizedSecret(type, name, object);
    if (BuiltInResources.isCustomResourceDefinitions(type)) {
      checkDefinitionSchemas(type, name, object);
    }
    Optional<CustomResourceSchemaValidator> validator = type.validator();
    if (validator.isPresent()) {
      List<FieldError> errors = validator.get().defaultAndValidate(object);
      if (!errors.isEmpty()) {
        throw ApiError.invalid(type, name, errors);
      }
    }
  }

  /**
   * A Secret's values (stringData already merged into data) may hold 1 MiB together, as
   * kube-apiserver's ValidateSecret says (pkg/apis/core/validation, MaxSecretSize).
   */
  private static void refuseOversizedSecret(ResourceType type, String name, ObjectNode object) {
    if (type.custom() || !type.plural().equals("secrets")) {
      return;
    }
    long total = 0;
    for (JsonNode value : object.path("data")) {
      try {
        total += Base64.getDecoder().decode(value.asText()).length;
      } catch (IllegalArgumentException notBase64) {
        total += value.asText().length();
      }
    }
    if (total > MAX_SECRET_BYTES) {
      throw ApiError.invalid(
          type,
          name,
          List.of(
              new FieldError(
                  "data", "Too long: may not be more than " + MAX_SECRET_BYTES + " bytes")));
    }
  }

  /**
   * @param cascade whether what depends on it goes too (not for {@code propagationPolicy=Orphan})
   */
  private ObjectNode deleteObject(ResourcePath path, ObjectNode current, boolean cascade) {
    if (isNamespace(current)) {
      ObjectNode terminating = namespaces.markTerminating(path.withoutSubresource(), current);
      removeDependents(terminating, List.of());
      namespaces.finishIfEmpty(path.name());
      return terminating;
    }
    if (!current.path("metadata").path("finalizers").isEmpty()) {
      if (current.path("metadata").has("deletionTimestamp")) {
        return current;
      }
      ObjectNode marked = current.deepCopy();
      Json.metadata(marked)
          .put("deletionTimestamp", Rfc3339.format(clock.instant()))
          .put("deletionGracePeriodSeconds", 0);
      return store.replace(path.withoutSubresource(), marked).orElse(marked);
    }
    List<ResourceType> definedTypes = catalog.typesDefinedBy(current);
    store.delete(path);
    if (cascade) {
      removeDependents(current, definedTypes);
    }
    Json.text(current, "metadata.namespace").ifPresent(namespaces::finishIfEmpty);
    return current;
  }

  private static boolean isNamespace(ObjectNode object) {
    return "Namespace".equals(object.path("kind").asText())
        && !object.path("metadata").has("namespace");
  }

  /**
   * What a cluster's controllers remove after an object is gone: objects whose ownerReferences name
   * it (the garbage collector), a namespace's contents, a CRD's custom resources.
   *
   * @param definedTypes the resource types the removed object defined, when it was a CRD
   */
  private void removeDependents(ObjectNode removed, List<ResourceType> definedTypes) {
    String uid = Json.text(removed, "metadata.uid").orElse("");
    String namespace = Json.text(removed, "metadata.namespace").orElse(null);
    boolean isNamespace = "Namespace".equals(removed.path("kind").asText()) && namespace == null;
    String removedName = Json.text(removed, "metadata.name").orElse("");
    for (ResourceType type : catalog.all()) {
      String scope = isNamespace && type.namespaced() ? removedName : namespace;
      ResourcePath collection =
          new ResourcePath(
              type.group(),
              type.version(),
              type.namespaced() ? scope : null,
              type.plural(),
              null,
              null);
      for (ObjectNode candidate : store.list(collection, null).items()) {
        boolean inRemovedNamespace = isNamespace && type.namespaced();
        if (inRemovedNamespace || isOwnedBy(candidate, uid)) {
          deleteFresh(type, candidate);
        }
      }
    }
    for (ResourceType type : definedTypes) {
      ResourcePath everywhere =
          new ResourcePath(type.group(), type.version(), null, type.plural(), null, null);
      store.list(everywhere, null).items().forEach(resource -> deleteFresh(type, resource));
    }
  }

  private void deleteFresh(ResourceType type, ObjectNode object) {
    ResourcePath path =
        new ResourcePath(
            type.group(),
            type.version(),
            Json.text(object, "metadata.namespace").orElse(null),
            type.plural(),
            Json.text(object, "metadata.name").orElseThrow(),
            null);
    store.get(path).ifPresent(fresh -> deleteObject(path, fresh, true));
  }

  private static boolean isOwnedBy(ObjectNode object, String ownerUid) {
    for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
      if (ownerUid.equals(reference.path("uid").asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean cascades(ApiRequest request) {
    return !"Orphan".equals(propagationPolicy(request));
  }

  private static String propagationPolicy(ApiRequest request) {
    String fromQuery = request.query().get("propagationPolicy");
    if (fromQuery != null) {
      return fromQuery;
    }
    if (request.body().length == 0 || ProtobufBodies.isProtobuf(request.contentType())) {
      return "Background";
    }
    try {
      return Json.MAPPER.readTree(request.body()).path("propagationPolicy").asText("Background");
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("The DeleteOptions body is not valid JSON.");
    }
  }

  private static void checkDeletePreconditions(
      ApiRequest request, ResourceType type, String name, ObjectNode current) {
    if (request.body().length == 0 || ProtobufBodies.isProtobuf(request.contentType())) {
      return;
    }
    JsonNode preconditions;
    try {
      preconditions = Json.MAPPER.readTree(request.body()).path("preconditions");
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("The DeleteOptions body is not valid JSON.");
    }
    for (String field : List.of("resourceVersion", "uid")) {
      JsonNode expected = preconditions.path(field);
      if (expected.isTextual()
          && !expected.asText().equals(current.path("metadata").path(field).asText())) {
        throw ApiError.conflict(type, name);
      }
    }
  }

  private void checkDefinitionSchemas(ResourceType type, String name, ObjectNode crd) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode versions = crd.path("spec").path("versions");
    for (int i = 0; i < versions.size(); i++) {
      JsonNode schema = versions.get(i).path("schema").path("openAPIV3Schema");
      if (schema.isMissingNode()) {
        continue;
      }
      try {
        CustomResourceSchemaValidator.fromOpenApiV3Schema(schema);
      } catch (RuntimeException e) {
        errors.add(
            new FieldError(
                "spec.versions[" + i + "].schema.openAPIV3Schema",
                "Invalid value: " + e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(type, name, errors);
    }
  }

  private static void checkKind(ResourceType type, ObjectNode object) {
    String kind = Json.text(object, "kind").orElse(type.kind());
    String apiVersion = Json.text(object, "apiVersion").orElse(type.groupVersion());
    if (!kind.equals(type.kind()) || !apiVersion.equals(type.groupVersion())) {
      throw ApiError.badRequest(
          "the object is a "
              + apiVersion
              + " "
              + kind
              + " but the URL is for "
              + type.groupVersion()
              + " "
              + type.kind()
              + "; send it to the URL of its own kind");
    }
    object.put("kind", kind).put("apiVersion", apiVersion);
  }

  private static void placeInNamespace(ResourceType type, ResourcePath path, ObjectNode metadata) {
    if (!type.namespaced()) {
      metadata.remove("namespace");
      return;
    }
    if (path.namespace() == null) {
      throw ApiError.badRequest(
          "the " + type.kind() + " is namespaced; send it to a URL under /namespaces/NAMESPACE");
    }
    String namespace = metadata.path("namespace").asText("");
    if (!namespace.isEmpty() && !namespace.equals(path.namespace())) {
      throw ApiError.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    metadata.put("namespace", path.namespace());
  }

  private static ObjectNode withName(ObjectNode object, String name) {
    if (Json.text(object, "metadata.name").isEmpty()) {
      Json.metadata(object).put("name", name);
    }
    return object;
  }

  private static void copyField(JsonNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null || value.isNull()) {
      to.remove(field);
    } else {
      to.set(field, value.deepCopy());
    }
  }

  private String randomSuffix() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
    }
    return suffix.toString();
  }
}
