package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The name index answers exactly what fabric8's full scan of the same map answers, and holds every
 * stored key under its name and nothing else, through creates, replaces, status updates, deletions
 * (with and without finalizers) and a reset.
 */
class NameIndexedCrudDispatcherTest {

  private static final String SECRETS_A = "/api/v1/namespaces/team-a/secrets";
  private static final String SECRETS_B = "/api/v1/namespaces/team-b/secrets";
  private static final String CONFIG_MAPS_A = "/api/v1/namespaces/team-a/configmaps";
  private static final String NAMESPACES = "/api/v1/namespaces";
  private static final String PODS_A = "/api/v1/namespaces/team-a/pods";

  private static final List<String> OBJECT_PATHS =
      List.of(
          SECRETS_A + "/bao",
          SECRETS_B + "/bao",
          CONFIG_MAPS_A + "/bao",
          NAMESPACES + "/bao",
          SECRETS_A + "/other",
          SECRETS_A + "/missing",
          PODS_A + "/web",
          "/api/v1/secrets/bao");

  private final NameIndexedCrudDispatcher dispatcher =
      new NameIndexedCrudDispatcher(new WatchHub(100));

  @Test
  void objectsOfOneNameInOtherNamespacesAndKindsAreToldApart() {
    assertThat(create(SECRETS_A, secret("bao", "team-a", "1")).code()).isEqualTo(201);
    create(SECRETS_B, secret("bao", "team-b", "2"));
    create(CONFIG_MAPS_A, configMap("bao", "team-a"));
    create(
        NAMESPACES,
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bao\"}}");
    create(SECRETS_A, secret("other", "team-a", "3"));

    assertThat(dispatcher.handleGet(SECRETS_B + "/bao").getBody().readUtf8()).contains("\"Mg==\"");
    assertThat(dispatcher.handleGet(SECRETS_A + "/missing").code()).isEqualTo(404);
    assertSameAsFullScan();
    assertIndexHoldsTheMap();
  }

  @Test
  void aSecondCreateOfOneObjectIsRefusedAndAReplaceOfAMissingOneIsNotFound() {
    create(SECRETS_A, secret("bao", "team-a", "1"));

    assertThat(create(SECRETS_A, secret("bao", "team-a", "2")).code()).isEqualTo(409);
    assertThat(replace(SECRETS_A + "/missing", secret("missing", "team-a", "2")).code())
        .isEqualTo(404);
    assertSameAsFullScan();
    assertIndexHoldsTheMap();
  }

  @Test
  void aReplaceIsFoundAtOnceAndAStaleVersionConflicts() {
    create(SECRETS_A, secret("bao", "team-a", "1"));
    create(SECRETS_B, secret("bao", "team-b", "1"));
    String version = resourceVersion(SECRETS_A + "/bao");

    MockResponse replaced =
        replace(
            SECRETS_A + "/bao",
            secret("bao", "team-a", "9")
                .replace("\"name\":", "\"resourceVersion\":\"" + version + "\",\"name\":"));

    assertThat(replaced.code()).isEqualTo(200);
    assertThat(dispatcher.handleGet(SECRETS_A + "/bao").getBody().readUtf8()).contains("\"OQ==\"");
    assertThat(
            replace(
                    SECRETS_A + "/bao",
                    secret("bao", "team-a", "8")
                        .replace("\"name\":", "\"resourceVersion\":\"" + version + "\",\"name\":"))
                .code())
        .isEqualTo(409);
    assertSameAsFullScan();
    assertIndexHoldsTheMap();
  }

  @Test
  void aStatusUpdateAndALabelChangeKeepTheObjectFindable() {
    create(PODS_A, pod("web", "{}"));
    replace(
        PODS_A + "/web",
        pod("web", "{}").replace("\"name\":", "\"labels\":{\"tier\":\"a\"},\"name\":"));
    replace(PODS_A + "/web/status", pod("web", "{\"phase\":\"Running\"}"));

    assertThat(dispatcher.handleGet(PODS_A + "/web").getBody().readUtf8())
        .contains("Running")
        .contains("\"tier\":\"a\"");
    assertSameAsFullScan();
    assertIndexHoldsTheMap();
  }

  @Test
  void aDeletedObjectIsGoneAndOneWithAFinalizerStaysUntilItIsReleased() {
    create(SECRETS_A, secret("other", "team-a", "1"));
    create(
        SECRETS_A,
        secret("bao", "team-a", "1")
            .replace("\"name\":", "\"finalizers\":[\"mcpctl.io/revoke-tokens\"],\"name\":"));

    dispatcher.handleDelete(SECRETS_A + "/other");
    dispatcher.handleDelete(SECRETS_A + "/bao");

    assertThat(dispatcher.handleGet(SECRETS_A + "/other").code()).isEqualTo(404);
    assertThat(dispatcher.handleGet(SECRETS_A + "/bao").getBody().readUtf8())
        .contains("deletionTimestamp");
    assertSameAsFullScan();
    assertIndexHoldsTheMap();

    ObjectNode released =
        Json.parseStored(dispatcher.handleGet(SECRETS_A + "/bao").getBody().readUtf8());
    Json.metadata(released).remove("finalizers");
    replace(SECRETS_A + "/bao", Json.write(released));

    assertThat(dispatcher.handleGet(SECRETS_A + "/bao").code()).isEqualTo(404);
    assertSameAsFullScan();
    assertIndexHoldsTheMap();
  }

  @Test
  void aQueryThatMatchesSeveralObjectsIsAnsweredByTheScan() {
    create(SECRETS_B, secret("bao", "team-b", "2"));
    create(SECRETS_A, secret("bao", "team-a", "1"));

    // No namespace on the path: both Secrets named bao match, and the scan's first one wins.
    assertThat(dispatcher.handleGet("/api/v1/secrets/bao").getBody().readUtf8()).contains("team-b");
    assertSameAsFullScan();
  }

  @Test
  void anObjectReplacedOverAndOverIsFoundByEveryConcurrentRead() throws Exception {
    create(SECRETS_A, secret("bao", "team-a", "0"));
    create(SECRETS_A, secret("other", "team-a", "0"));
    List<Integer> codes = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch reading = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              do {
                codes.add(dispatcher.handleGet(SECRETS_A + "/bao").code());
                reading.countDown();
              } while (writing.get());
            });
    reader.start();
    // The writes start once the reader reads, so reads and writes overlap however threads run.
    assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 100; i++) {
      // A label that changes with every write changes the stored key too.
      replace(
          SECRETS_A + "/bao",
          secret("bao", "team-a", Integer.toString(i))
              .replace("\"name\":", "\"labels\":{\"round\":\"" + i + "\"},\"name\":"));
    }
    writing.set(false);
    reader.join();

    assertThat(codes).isNotEmpty().containsOnly(200);
    assertIndexHoldsTheMap();
  }

  @Test
  void aResetEmptiesTheIndex() {
    create(SECRETS_A, secret("bao", "team-a", "1"));

    dispatcher.reset();

    assertThat(dispatcher.indexedKeys("bao")).isEmpty();
    assertThat(dispatcher.handleGet(SECRETS_A + "/bao").code()).isEqualTo(404);
    create(SECRETS_A, secret("bao", "team-a", "1"));
    assertIndexHoldsTheMap();
  }

  /** Every named GET answers as fabric8's scan of the same map answers: first match or 404. */
  private void assertSameAsFullScan() {
    for (String path : OBJECT_PATHS) {
      AttributeSet query = dispatcher.getAttributeExtractor().fromPath(path);
      List<String> scanned =
          dispatcher.getMap().entrySet().stream()
              .filter(entry -> entry.getKey().matches(query))
              .map(Map.Entry::getValue)
              .toList();
      MockResponse answer = dispatcher.handleGet(path);
      if (scanned.isEmpty()) {
        assertThat(answer.code()).as(path).isEqualTo(404);
      } else {
        assertThat(answer.code()).as(path).isEqualTo(200);
        assertThat(answer.getBody().readUtf8()).as(path).isEqualTo(scanned.get(0));
      }
    }
  }

  /** The index offers, for each name, exactly the stored keys of that name. */
  private void assertIndexHoldsTheMap() {
    Map<String, Set<AttributeSet>> byName =
        dispatcher.getMap().keySet().stream()
            .collect(
                Collectors.groupingBy(NameIndexedCrudDispatcherTest::nameOf, Collectors.toSet()));
    for (String name : List.of("bao", "other", "missing", "web")) {
      assertThat(dispatcher.indexedKeys(name))
          .as(name)
          .isEqualTo(byName.getOrDefault(name, Set.of()));
    }
  }

  private static String nameOf(AttributeSet key) {
    Attribute name = key.getAttribute("name");
    return name == null ? "" : name.getValues().get(0).toString();
  }

  private String resourceVersion(String path) {
    return Json.parseStored(dispatcher.handleGet(path).getBody().readUtf8())
        .path("metadata")
        .path("resourceVersion")
        .asText();
  }

  private MockResponse create(String collection, String body) {
    return dispatcher.handleCreate(request(HttpMethod.POST, collection, body));
  }

  private MockResponse replace(String path, String body) {
    return dispatcher.handleUpdate(request(HttpMethod.PUT, path, body));
  }

  private static RecordedRequest request(HttpMethod method, String path, String body) {
    return new RecordedRequest(
        "HTTP/1.1",
        method,
        path,
        Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String secret(String name, String namespace, String value) {
    String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    return "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\""
        + namespace
        + "\"},\"data\":{\"token\":\""
        + encoded
        + "\"}}";
  }

  private static String configMap(String name, String namespace) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\""
        + namespace
        + "\"},\"data\":{\"k\":\"v\"}}";
  }

  private static String pod(String name, String status) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\"team-a\"},\"spec\":{\"containers\":[]},\"status\":"
        + status
        + "}";
  }
}
