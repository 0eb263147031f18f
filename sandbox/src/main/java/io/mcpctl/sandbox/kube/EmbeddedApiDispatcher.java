package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.mcpctl.sandbox.kube.rbac.AccessLog;
import io.mcpctl.sandbox.kube.rbac.Caller;
import io.mcpctl.sandbox.kube.rbac.Identities;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what fabric8's CRUD mock lacks for real kubectl and client libraries: version, discovery,
 * OpenAPI, Table output, field selectors, protobuf bodies, every patch type, status subresources,
 * optimistic concurrency, validation, finalizers; objects and WebSocket watches stay with the CRUD
 * store. Every answer is JSON with a Content-Type, and no request is left unanswered: an unexpected
 * failure becomes a 500 Status.
 */
final class EmbeddedApiDispatcher extends Dispatcher {

  static final String SERVER_VERSION = "v1.32.4+mcpctl-sandbox";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApiDispatcher.class);
  private static final List<String> HEALTH_PATHS = List.of("/healthz", "/livez", "/readyz");

  private final ObjectStore store;
  private final Clock clock;
  private final ResourceCatalog catalog;
  private final ResourceRequests resources;
  private final OpenApiDocuments openApi;
  private final Lock writes = new ReentrantLock();
  private final RequestAuthorization authorization;
  private final AccessReviews reviews;
  private volatile Discovery discovery;

  EmbeddedApiDispatcher(Clock clock, Identities identities, AccessLog accessLog, int watchHistory) {
    this.clock = clock;
    this.store = new ObjectStore(watchHistory);
    this.catalog = new ResourceCatalog(store);
    this.openApi = new OpenApiDocuments(catalog, SERVER_VERSION);
    this.resources = new ResourceRequests(store, catalog, clock);
    this.authorization = new RequestAuthorization(identities, store, accessLog);
    this.reviews = new AccessReviews(authorization);
    this.discovery = new Discovery(catalog, "127.0.0.1:0");
  }

  /** The host:port clients reach the server at, for discovery's serverAddressByClientCIDRs. */
  void serverAddress(String hostAndPort) {
    discovery = new Discovery(catalog, hostAndPort);
  }

  /** Creates an object as if a client had posted it, e.g. the namespaces every cluster has. */
  void createInternally(String collectionPath, ObjectNode object) {
    internally("POST", collectionPath, Json.write(object));
  }

  /** Deletes an object as the server's own controllers do: finalizers and dependents as usual. */
  void deleteInternally(String objectPath) {
    internally("DELETE", objectPath, "");
  }

  /** Writes an object's status as its controller (or the kubelet, for a pod) would. */
  void replaceStatusInternally(String objectPath, ObjectNode object) {
    internally("PUT", objectPath + "/status", Json.write(object));
  }

  private void internally(String method, String urlPath, String body) {
    ResourcePath path = ResourcePath.parse(urlPath).orElseThrow();
    ResourceType type = catalog.find(path.group(), path.version(), path.plural()).orElseThrow();
    ApiRequest request =
        new ApiRequest(
            method,
            urlPath,
            urlPath,
            Map.of(),
            "application/json",
            "application/json",
            false,
            body.getBytes(StandardCharsets.UTF_8));
    writeLocked(
        () ->
            switch (method) {
              case "POST" -> resources.create(request, path, type);
              case "PUT" -> resources.replace(request, path, type);
              default -> resources.delete(request, path, type);
            });
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    ApiRequest request;
    try {
      request = ApiRequest.from(recorded);
    } catch (RuntimeException e) {
      LOG.warn("Unreadable request {} {}", recorded.getMethod(), recorded.getPath(), e);
      return json(
          new ApiResponse(400, ApiError.badRequest("The request could not be read.").toStatus()));
    }
    try {
      // Version and health answer anyone, as system:public-info-viewer lets them on a cluster.
      Optional<Caller> caller =
          isPublic(request) ? Optional.empty() : Optional.of(authorization.caller(recorded));
      MockResponse response;
      try {
        response = route(request, caller);
      } finally {
        // After the write, so that no request caches the rules from before it.
        if (!request.method().equals("GET")
            && request.path().startsWith("/apis/" + RequestAuthorization.RBAC_GROUP + "/")) {
          authorization.rbacChanged();
        }
      }
      LOG.debug("{} {} -> {}", request.method(), request.pathAndQuery(), response.code());
      return response;
    } catch (ApiError e) {
      LOG.debug("{} {} -> {} {}", request.method(), request.pathAndQuery(), e.code(), e.reason());
      return json(new ApiResponse(e.code(), e.toStatus()));
    } catch (RuntimeException | Error e) {
      // Vert.x runs this on its event loop: whatever went wrong, the client must get an answer
      // rather than wait forever.
      LOG.error("{} {} failed", request.method(), request.path(), e);
      ApiError error = ApiError.internal("the embedded API failed on this request: " + e);
      return json(new ApiResponse(500, error.toStatus()));
    }
  }

  private static boolean isPublic(ApiRequest request) {
    String path = stripTrailingSlash(request.path());
    return request.method().equals("GET")
        && (path.equals("/version") || HEALTH_PATHS.contains(path));
  }

  /**
   * Authenticates and authorizes a watch over plain HTTP and finds what it watches, as for any
   * other request; {@link HttpWatchStream} streams it.
   *
   * @throws ApiError as for any other request that is refused
   */
  HttpWatchStream.Target openHttpWatch(RecordedRequest recorded) {
    ApiRequest request = ApiRequest.from(recorded);
    Caller caller = authorization.caller(recorded);
    String path = stripTrailingSlash(request.path());
    ResourcePath resourcePath =
        ResourcePath.parse(path).orElseThrow(() -> ApiError.pathNotFound(path));
    authorization.authorize(caller, request, resourcePath);
    ResourceType type =
        catalog
            .find(resourcePath.group(), resourcePath.version(), resourcePath.plural())
            .orElseThrow(() -> ApiError.pathNotFound(path));
    checkScope(resourcePath, type, path);
    if (resourcePath.subresource() != null) {
      throw ApiError.pathNotFound(path);
    }
    LOG.debug("{} {} -> 200 (watch)", request.method(), request.pathAndQuery());
    return new HttpWatchStream.Target(request, resourcePath, type);
  }

  ObjectStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  private MockResponse route(ApiRequest request, Optional<Caller> caller) {
    String path = stripTrailingSlash(request.path());
    if (AccessReviews.handles(request)) {
      return json(reviews.answer(caller.orElseThrow(), request));
    }
    if (request.method().equals("GET")) {
      Optional<JsonNode> metadata = metadataDocument(path);
      if (metadata.isPresent()) {
        return json(ApiResponse.ok(metadata.get()));
      }
      if (HEALTH_PATHS.contains(path)) {
        return new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "text/plain")
            .setBody("ok");
      }
    }
    ResourcePath resourcePath =
        ResourcePath.parse(path).orElseThrow(() -> ApiError.pathNotFound(path));
    // Before the kind is looked up, as the API server's filters authorize before routing.
    authorization.authorize(caller.orElseThrow(), request, resourcePath);
    ResourceType type =
        catalog
            .find(resourcePath.group(), resourcePath.version(), resourcePath.plural())
            .orElseThrow(() -> ApiError.pathNotFound(path));
    checkScope(resourcePath, type, path);
    checkSubresource(resourcePath, type, path);
    return switch (request.method()) {
      case "GET" -> {
        if (request.isWatch()) {
          yield watch(request);
        }
        yield json(resources.get(request, resourcePath, type));
      }
      case "POST" -> {
        if (!resourcePath.isCollection()) {
          throw ApiError.methodNotSupported("POST creates objects; send it to the collection URL.");
        }
        yield json(writeLocked(() -> resources.create(request, resourcePath, type)));
      }
      case "PUT" -> json(writeLocked(() -> resources.replace(request, named(resourcePath), type)));
      case "PATCH" -> json(writeLocked(() -> resources.patch(request, named(resourcePath), type)));
      case "DELETE" -> json(writeLocked(() -> resources.delete(request, resourcePath, type)));
      default -> throw ApiError.methodNotSupported(request.method() + " is not supported here.");
    };
  }

  private Optional<JsonNode> metadataDocument(String path) {
    if (path.equals("/version")) {
      return Optional.of(versionInfo());
    }
    if (path.equals("/api")) {
      return Optional.of(discovery.coreVersions());
    }
    if (path.equals("/apis")) {
      return Optional.of(discovery.groups());
    }
    if (path.equals(OpenApiDocuments.ROOT)) {
      return Optional.of(openApi.index());
    }
    if (path.startsWith(OpenApiDocuments.ROOT + "/")) {
      String relative = path.substring(OpenApiDocuments.ROOT.length() + 1);
      return Optional.of(openApi.document(relative).orElseThrow(() -> ApiError.pathNotFound(path)));
    }
    String[] segments = path.substring(1).split("/");
    if (segments.length == 2 && segments[0].equals("api")) {
      return Optional.of(
          discovery.resources("", segments[1]).orElseThrow(() -> ApiError.pathNotFound(path)));
    }
    if (segments.length == 2 && segments[0].equals("apis")) {
      return Optional.of(
          discovery.group(segments[1]).orElseThrow(() -> ApiError.pathNotFound(path)));
    }
    if (segments.length == 3 && segments[0].equals("apis")) {
      return Optional.of(
          discovery
              .resources(segments[1], segments[2])
              .orElseThrow(() -> ApiError.pathNotFound(path)));
    }
    return Optional.empty();
  }

  private MockResponse watch(ApiRequest request) {
    if (!request.webSocketUpgrade()) {
      // EmbeddedHttpServer streams these before they reach the dispatcher.
      throw ApiError.internal("a watch over plain HTTP reached the WebSocket watch handler");
    }
    return store.watch(request.pathAndQuery());
  }

  /** Named objects of a namespaced kind live under a namespace; cluster-scoped ones never do. */
  private static void checkScope(ResourcePath path, ResourceType type, String url) {
    boolean misplaced =
        type.namespaced()
            ? path.namespace() == null && !path.isCollection()
            : path.namespace() != null;
    if (misplaced) {
      throw ApiError.pathNotFound(url);
    }
  }

  private static void checkSubresource(ResourcePath path, ResourceType type, String url) {
    if (path.subresource() == null) {
      return;
    }
    if (!path.subresource().equals("status") || !type.statusSubresource()) {
      throw ApiError.pathNotFound(url);
    }
  }

  private static ResourcePath named(ResourcePath path) {
    if (path.isCollection()) {
      throw ApiError.methodNotSupported("This method needs an object URL, with the object's name.");
    }
    return path;
  }

  private ApiResponse writeLocked(Supplier<ApiResponse> write) {
    writes.lock();
    try {
      return write.get();
    } finally {
      writes.unlock();
    }
  }

  private static ObjectNode versionInfo() {
    return Json.object()
        .put("major", "1")
        .put("minor", "32")
        .put("gitVersion", SERVER_VERSION)
        .put("gitCommit", "0000000000000000000000000000000000000000")
        .put("gitTreeState", "clean")
        .put("buildDate", "2025-04-22T00:00:00Z")
        .put("goVersion", "go1.23.8")
        .put("compiler", "gc")
        .put("platform", "linux/amd64");
  }

  private static MockResponse json(ApiResponse response) {
    return new MockResponse()
        .setResponseCode(response.code())
        .setHeader("Content-Type", "application/json")
        .setBody(Json.write(response.body()));
  }

  private static String stripTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
