package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch over plain HTTP, as the API server streams it to kubectl and client-go: a 200 whose
 * chunked body is one JSON watch event per line ({@code ADDED}, {@code MODIFIED}, {@code DELETED},
 * {@code BOOKMARK} when {@code allowWatchBookmarks=true}, {@code ERROR}), rows of a Table when the
 * client asks {@code as=Table} ({@code kubectl get -w}). It starts after {@code resourceVersion}
 * (changes the list missed are replayed), with every current object as ADDED when no version is
 * given, or with an ERROR event carrying 410 Expired when the version is older than what is kept;
 * it ends after {@code timeoutSeconds} or when the client goes.
 */
final class HttpWatchStream {

  /** Often enough that a test sees one; the API server sends them about once a minute. */
  static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(HttpWatchStream.class);
  private static final String TABLE_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  /** What an authorized watch request watches. */
  record Target(ApiRequest request, ResourcePath path, ResourceType type) {}

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final Target target;
  private final ObjectStore store;
  private final Clock clock;
  private final boolean table;
  private final LabelSelector labels;
  private final FieldSelector fields;

  private HttpWatchStream(
      Vertx vertx, HttpServerResponse response, Target target, ObjectStore store, Clock clock) {
    this.vertx = vertx;
    this.response = response;
    this.target = target;
    this.store = store;
    this.clock = clock;
    this.table = TableRenderer.wanted(target.request().accept());
    this.labels = LabelSelector.parse(target.request().query().get("labelSelector"));
    this.fields = FieldSelector.parse(target.request().query().get("fieldSelector"));
  }

  static void serve(
      Vertx vertx,
      HttpServerRequest http,
      RecordedRequest recorded,
      EmbeddedApiDispatcher dispatcher) {
    HttpServerResponse response = http.response();
    try {
      Target target = dispatcher.openHttpWatch(recorded);
      new HttpWatchStream(vertx, response, target, dispatcher.store(), dispatcher.clock()).start();
    } catch (ApiError refused) {
      LOG.debug("watch {} -> {} {}", http.uri(), refused.code(), refused.reason());
      response
          .setStatusCode(refused.code())
          .putHeader("Content-Type", "application/json")
          .end(Json.write(refused.toStatus()));
    }
  }

  private void start() {
    String version = target.request().query().get("resourceVersion");
    Optional<Long> from;
    List<ObjectNode> current = List.of();
    if (version == null || version.isEmpty() || version.equals("0")) {
      // As the API server does: the state now, as ADDED events, then what changes after it.
      from = Optional.of(store.changes().latestVersion());
      current = currentObjects();
    } else {
      try {
        from = Optional.of(Long.parseLong(version));
      } catch (NumberFormatException notAVersion) {
        throw ApiError.badRequest(
            "resourceVersion " + version + " is not one this server gave out; list again");
      }
    }
    response.setStatusCode(200);
    response.putHeader("Content-Type", table ? TABLE_TYPE : "application/json");
    response.putHeader("Cache-Control", "no-cache, private");
    response.setChunked(true);
    for (ObjectNode object : current) {
      send("ADDED", object);
    }
    WatchHub.Subscription subscription;
    try {
      subscription =
          store
              .changes()
              .subscribe(from, this::wanted, change -> send(change.type(), change.object()));
    } catch (WatchHub.TooOld expired) {
      sendExpired(version, expired.oldestKept());
      response.end();
      return;
    }
    List<Long> timers = new java.util.ArrayList<>();
    if ("true".equals(target.request().query().get("allowWatchBookmarks"))) {
      timers.add(vertx.setPeriodic(BOOKMARK_INTERVAL.toMillis(), unused -> sendBookmark()));
    }
    String timeout = target.request().query().get("timeoutSeconds");
    if (timeout != null && timeout.matches("\\d{1,9}") && Long.parseLong(timeout) > 0) {
      timers.add(
          vertx.setTimer(
              Long.parseLong(timeout) * 1000,
              unused -> {
                subscription.close();
                response.end();
              }));
    }
    Runnable stop =
        () -> {
          subscription.close();
          timers.forEach(vertx::cancelTimer);
        };
    response.closeHandler(unused -> stop.run());
    response.endHandler(unused -> stop.run());
  }

  private List<ObjectNode> currentObjects() {
    return store
        .list(target.path().collection(), target.request().query().get("labelSelector"))
        .items()
        .stream()
        .filter(this::selected)
        .toList();
  }

  private boolean wanted(WatchHub.Change change) {
    ResourcePath watched = target.path();
    ResourcePath changed = change.collection();
    return changed.group().equals(watched.group())
        && changed.plural().equals(watched.plural())
        && (watched.namespace() == null || watched.namespace().equals(changed.namespace()))
        && labels.matches(change.object())
        && selected(change.object());
  }

  private boolean selected(ObjectNode object) {
    return fields.matches(object)
        && (target.path().name() == null
            || target.path().name().equals(object.path("metadata").path("name").asText()));
  }

  private void send(String type, ObjectNode object) {
    ObjectNode shown = object;
    if (table) {
      shown =
          TableRenderer.render(
              target.type(),
              List.of(object),
              Json.text(object, "metadata.resourceVersion").orElse(""),
              clock.instant(),
              target.request().query().get("includeObject"));
    }
    ObjectNode event = Json.object().put("type", type);
    event.set("object", shown);
    write(event);
  }

  private void sendBookmark() {
    ObjectNode object =
        Json.object()
            .put("kind", target.type().kind())
            .put("apiVersion", target.type().groupVersion());
    object
        .putObject("metadata")
        .put("resourceVersion", Long.toString(store.changes().latestVersion()));
    ObjectNode event = Json.object().put("type", "BOOKMARK");
    event.set("object", object);
    write(event);
  }

  /** The API server's answer to a watch from a version its cache no longer reaches. */
  private void sendExpired(String asked, long oldest) {
    ObjectNode status =
        Json.object()
            .put("kind", "Status")
            .put("apiVersion", "v1")
            .put("status", "Failure")
            .put("message", "too old resource version: " + asked + " (" + oldest + ")")
            .put("reason", "Expired")
            .put("code", 410);
    status.putObject("metadata");
    ObjectNode event = Json.object().put("type", "ERROR");
    event.set("object", status);
    write(event);
  }

  private void write(ObjectNode event) {
    if (!response.ended() && !response.closed()) {
      response.write(Buffer.buffer(Json.write(event) + "\n"));
    }
  }
}
