package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
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
 */
final class ObjectStore {

  /** The objects of one list request and the resourceVersion a watch continues from. */
  record Listing(List<ObjectNode> items, String resourceVersion) {}

  private static final String CRD_COLLECTION =
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();

  Optional<ObjectNode> get(ResourcePath objectPath) {
    MockResponse response = crud.handleGet(objectPath.withoutSubresource().toUrlPath());
    if (response.code() == 404) {
      return Optional.empty();
    }
    return Optional.of(Json.parseStored(bodyOf(response)));
  }

  Listing list(ResourcePath collection, String labelSelector) {
    String query =
        labelSelector == null || labelSelector.isEmpty()
            ? ""
            : "?labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
    ObjectNode list = Json.parseStored(bodyOf(crud.handleGet(collection.toUrlPath() + query)));
    List<ObjectNode> items = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      items.add((ObjectNode) item);
    }
    return new Listing(items, list.path("metadata").path("resourceVersion").asText("0"));
  }

  List<ObjectNode> customResourceDefinitions() {
    return list(ResourcePath.parse(CRD_COLLECTION).orElseThrow(), null).items();
  }

  ObjectNode create(ResourcePath collection, ObjectNode object) {
    MockResponse response =
        crud.handleCreate(request(HttpMethod.POST, collection.toUrlPath(), object));
    return Json.parseStored(expectSuccess(response));
  }

  /**
   * Replaces an object (or its status, when the path names the status subresource).
   *
   * @return the stored object, or empty when the store deleted it because it was marked for
   *     deletion and has no finalizers left
   */
  Optional<ObjectNode> replace(ResourcePath objectPath, ObjectNode object) {
    MockResponse response =
        crud.handleUpdate(request(HttpMethod.PUT, objectPath.toUrlPath(), object));
    String body = expectSuccess(response);
    return body.isEmpty() ? Optional.empty() : Optional.of(Json.parseStored(body));
  }

  void delete(ResourcePath objectPath) {
    expectSuccess(crud.handleDelete(objectPath.withoutSubresource().toUrlPath()));
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
