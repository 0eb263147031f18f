package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The objects, kept by fabric8's CRUD dispatcher, which also feeds the WebSocket watches. Every
 * check the API server makes happens before a call reaches this store.
 *
 * <p>fabric8's CRUD dispatcher finds an object by matching attributes against every object it
 * holds; {@link NameIndexedCrudDispatcher} narrows named lookups to the objects of that name, but
 * lists still match every object. Named lookups and the CRD list (read on every request) are
 * therefore also remembered here, and every write, all of which pass through this class, forgets
 * what it touched once the CRUD dispatcher holds the new state, before any watcher is told of it.
 */
final class ObjectStore {

  /** The objects of one list request and the resourceVersion a watch continues from. */
  record Listing(List<ObjectNode> items, String resourceVersion) {}

  private static final String CRD_COLLECTION =
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final WatchHub changes;
  private final NameIndexedCrudDispatcher crud;
  private final LookupMemory memory = new LookupMemory();

  /**
   * @param watchHistory how many changes an HTTP watch may still resume from
   */
  ObjectStore(int watchHistory) {
    this.changes = new WatchHub(watchHistory);
    this.crud = new NameIndexedCrudDispatcher(changes);
    // The first to hear of each change, before the write that made it returns: a watcher that
    // reads the object at once must find it changed, not as remembered from before the write.
    try {
      changes.subscribe(
          Optional.empty(),
          change -> true,
          change ->
              memory.forget(
                  change
                      .collection()
                      .withName(Json.text(change.object(), "metadata.name").orElse(null))));
    } catch (WatchHub.TooOld impossible) {
      throw new IllegalStateException("A subscription from now cannot be too old", impossible);
    }
  }

  Optional<ObjectNode> get(ResourcePath objectPath) {
    ResourcePath path = objectPath.withoutSubresource();
    Optional<String> body =
        memory.object(
            path,
            () -> {
              MockResponse response = crud.handleGet(path.toUrlPath());
              return response.code() == 404 ? Optional.empty() : Optional.of(bodyOf(response));
            });
    return body.map(Json::parseStored);
  }

  /** The collection's objects, each the caller's own copy. */
  Listing list(ResourcePath collection, String labelSelector) {
    Listing shared = listToRead(collection, labelSelector);
    return new Listing(
        shared.items().stream().map(ObjectNode::deepCopy).toList(), shared.resourceVersion());
  }

  /**
   * The collection's objects, shared with other readers until a write: for answers that only read
   * them. The CRUD dispatcher writes and this store parses the whole collection for each list, so a
   * client reading 10,000 objects 20 at a time would otherwise cost 500 times the whole.
   */
  Listing listToRead(ResourcePath collection, String labelSelector) {
    String query =
        labelSelector == null || labelSelector.isEmpty()
            ? ""
            : "?labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
    String path = collection.toUrlPath() + query;
    return memory.listing(
        path,
        () -> {
          ObjectNode list = Json.parseStored(bodyOf(crud.handleGet(path)));
          List<ObjectNode> items = new ArrayList<>();
          for (JsonNode item : list.path("items")) {
            items.add((ObjectNode) item);
          }
          return new Listing(
              List.copyOf(items), list.path("metadata").path("resourceVersion").asText("0"));
        });
  }

  /** The stored CRDs; each call gets its own copies. */
  List<ObjectNode> customResourceDefinitions() {
    return memory
        .customResourceDefinitions(
            () -> list(ResourcePath.parse(CRD_COLLECTION).orElseThrow(), null).items())
        .stream()
        .map(ObjectNode::deepCopy)
        .toList();
  }

  ObjectNode create(ResourcePath collection, ObjectNode object) {
    try {
      MockResponse response =
          crud.handleCreate(request(HttpMethod.POST, collection.toUrlPath(), object));
      return Json.parseStored(expectSuccess(response));
    } finally {
      memory.forget(collection.withName(object.path("metadata").path("name").asText()));
    }
  }

  /**
   * Replaces an object (or its status, when the path names the status subresource).
   *
   * @return the stored object, or empty when the store deleted it because it was marked for
   *     deletion and has no finalizers left
   */
  Optional<ObjectNode> replace(ResourcePath objectPath, ObjectNode object) {
    try {
      MockResponse response =
          crud.handleUpdate(request(HttpMethod.PUT, objectPath.toUrlPath(), object));
      String body = expectSuccess(response);
      return body.isEmpty() ? Optional.empty() : Optional.of(Json.parseStored(body));
    } finally {
      memory.forget(objectPath);
    }
  }

  void delete(ResourcePath objectPath) {
    try {
      expectSuccess(crud.handleDelete(objectPath.withoutSubresource().toUrlPath()));
    } finally {
      memory.forget(objectPath);
    }
  }

  /** Every change made, for HTTP watches. */
  WatchHub changes() {
    return changes;
  }

  /**
   * Opens a WebSocket watch; the CRUD dispatcher parses selectors and the resource from the URL.
   */
  MockResponse watch(String pathAndQuery) {
    return crud.handleGet(pathAndQuery);
  }

  private static RecordedRequest request(HttpMethod method, String path, ObjectNode body) {
    return new RecordedRequest(
        "HTTP/1.1",
        method,
        path,
        Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer(Json.write(body).getBytes(StandardCharsets.UTF_8)));
  }

  private static String expectSuccess(MockResponse response) {
    String body = bodyOf(response);
    if (response.code() >= 300) {
      String message = body;
      if (body.startsWith("{")) {
        message = Json.parseStored(body).path("message").asText(body);
      }
      throw ApiError.fromStore(
          response.code(), message.isEmpty() ? "the object store refused the request" : message);
    }
    return body;
  }

  private static String bodyOf(MockResponse response) {
    return response.getBody() == null ? "" : response.getBody().readUtf8();
  }
}
