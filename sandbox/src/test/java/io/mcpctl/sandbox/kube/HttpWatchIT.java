package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watches over plain HTTP, as kubectl and client-go use them, through the real kubectl: {@code
 * kubectl get -w} shows a change as it happens; a watch resumes after the version a list returned;
 * bookmarks come when asked; a version older than the kept history gets 410 Expired; RBAC decides
 * who may watch.
 */
class HttpWatchIT {

  /** Small, so that a few writes push a version out of the history. */
  private static final int HISTORY = 20;

  @TempDir static Path dir;
  private static EmbeddedKubernetes kube;
  private static Kubectl kubectl;
  private static Path kubeconfig;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start(0, Clock.systemUTC(), HISTORY);
    kubeconfig = kube.writeKubeconfig(dir.resolve("admin"));
    kubectl = Kubectl.against(kubeconfig);
    assertThat(kubectl.run("create", "namespace", "watched").succeeded()).isTrue();
  }

  @AfterAll
  static void stop() {
    kubectl.close();
    kube.close();
  }

  @Test
  void kubectlGetWatchShowsAChangeAsItHappens() throws Exception {
    assertThat(kubectl.run("create", "configmap", "before", "-n", "watched").succeeded()).isTrue();
    Path out = dir.resolve("watch.out");
    Process watch =
        new ProcessBuilder(
                "kubectl",
                "--kubeconfig",
                kubeconfig.toString(),
                "get",
                "configmaps",
                "-n",
                "watched",
                "-w")
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("watch.err").toFile())
            .start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> read(out).contains("before"));

      assertThat(kubectl.run("create", "configmap", "during", "-n", "watched").succeeded())
          .isTrue();

      await().atMost(Duration.ofSeconds(20)).until(() -> read(out).contains("during"));
      assertThat(watch.isAlive()).as("kubectl keeps watching").isTrue();
      List<String> lines = read(out).lines().toList();
      assertThat(lines.get(0)).startsWith("NAME");
      assertThat(lines).filteredOn(line -> line.startsWith("NAME")).hasSize(1);
      assertThat(lines).anyMatch(line -> line.startsWith("during "));
    } finally {
      watch.destroy();
    }
    assertThat(read(dir.resolve("watch.err"))).isEmpty();
  }

  @Test
  void aWatchResumesAfterTheListsVersionAndSendsBookmarksWhenAsked() {
    String listed = kubectl.run("get", "--raw", "/api/v1/namespaces/watched/secrets").stdout();
    String version = Json.parseStored(listed).path("metadata").path("resourceVersion").asText();
    assertThat(
            kubectl
                .run(
                    "create",
                    "secret",
                    "generic",
                    "after-list",
                    "--from-literal=a=b",
                    "-n",
                    "watched")
                .succeeded())
        .isTrue();
    assertThat(kubectl.run("delete", "secret", "after-list", "-n", "watched").succeeded()).isTrue();

    Kubectl.Result watched =
        kubectl.run(
            "get",
            "--raw",
            "/api/v1/namespaces/watched/secrets?watch=true&allowWatchBookmarks=true&timeoutSeconds=3"
                + "&resourceVersion="
                + version);

    assertThat(watched.succeeded()).as(watched.describe()).isTrue();
    List<JsonNode> events = events(watched.stdout());
    assertThat(events.get(0).path("type").asText()).isEqualTo("ADDED");
    assertThat(events.get(0).path("object").path("metadata").path("name").asText())
        .isEqualTo("after-list");
    assertThat(events.get(1).path("type").asText()).isEqualTo("DELETED");
    assertThat(version(events.get(1)))
        .as("a deletion is a newer version than the object's last")
        .isGreaterThan(version(events.get(0)));
    assertThat(events)
        .as("bookmarks over three seconds")
        .anyMatch(event -> event.path("type").asText().equals("BOOKMARK"));
  }

  @Test
  void aWatchWithoutAVersionStartsWithEveryObjectAsAdded() {
    assertThat(kubectl.run("create", "namespace", "fresh").succeeded()).isTrue();
    assertThat(kubectl.run("create", "configmap", "one", "-n", "fresh").succeeded()).isTrue();
    assertThat(kubectl.run("create", "configmap", "two", "-n", "fresh").succeeded()).isTrue();

    Kubectl.Result watched =
        kubectl.run("get", "--raw", "/api/v1/namespaces/fresh/configmaps?watch=1&timeoutSeconds=1");

    assertThat(events(watched.stdout()))
        .extracting(
            event -> event.path("type").asText() + " " + event.at("/object/metadata/name").asText())
        .contains("ADDED one", "ADDED two");
  }

  @Test
  void aVersionOlderThanTheHistoryIsExpired() {
    String old =
        Json.parseStored(
                kubectl.run("get", "--raw", "/api/v1/namespaces/watched/configmaps").stdout())
            .path("metadata")
            .path("resourceVersion")
            .asText();
    for (int i = 0; i <= HISTORY; i++) {
      assertThat(kubectl.run("create", "configmap", "churn-" + i, "-n", "watched").succeeded())
          .isTrue();
    }

    Kubectl.Result watched =
        kubectl.run(
            "get",
            "--raw",
            "/api/v1/namespaces/watched/configmaps?watch=true&timeoutSeconds=1&resourceVersion="
                + old);

    List<JsonNode> events = events(watched.stdout());
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("type").asText()).isEqualTo("ERROR");
    assertThat(events.get(0).path("object").path("code").asInt()).isEqualTo(410);
    assertThat(events.get(0).path("object").path("reason").asText()).isEqualTo("Expired");
    assertThat(events.get(0).path("object").path("message").asText())
        .startsWith("too old resource version: " + old + " (");
  }

  @Test
  void rbacDecidesWhoMayWatch() {
    Kubectl.Result granted =
        kubectl.runWithInput(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: list-only, namespace: watched}
            rules:
            - {apiGroups: [""], resources: [configmaps], verbs: [list]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: lister-lists, namespace: watched}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: list-only}
            subjects:
            - {kind: ServiceAccount, name: lister, namespace: watched}
            """,
            "apply",
            "-f",
            "-");
    assertThat(granted.succeeded()).as(granted.describe()).isTrue();

    Kubectl.Result refused =
        kubectl.run(
            "get",
            "configmaps",
            "-n",
            "watched",
            "-w",
            "--request-timeout=5s",
            "--as=system:serviceaccount:watched:lister");

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stdout()).as("the list was allowed").startsWith("NAME");
    assertThat(refused.stderr())
        .contains(
            "User \"system:serviceaccount:watched:lister\" cannot watch resource \"configmaps\"");
  }

  private static long version(JsonNode event) {
    return Long.parseLong(event.at("/object/metadata/resourceVersion").asText());
  }

  private static List<JsonNode> events(String stream) {
    return stream
        .lines()
        .filter(line -> !line.isBlank())
        .map(line -> (JsonNode) Json.parseStored(line))
        .toList();
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
