package io.mcpctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.e2e.support.KubectlTable;
import io.mcpctl.e2e.support.Repository;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.sandbox.kube.Kubectl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the embedded Kubernetes API: the CRD and the examples apply without
 * {@code --validate=false}, {@code get} prints the CRD's columns, invalid examples are refused
 * naming the field, and what kubectl changes reaches fabric8 clients and informers.
 */
class KubectlAgainstEmbeddedApiE2E {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Pattern FIELD_IN_COMMENT = Pattern.compile("spec(\\.[A-Za-z]+)+");

  @TempDir static Path work;

  private static EmbeddedKubernetes kube;
  private static KubernetesClient client;
  private static Kubectl kubectl;

  @BeforeAll
  static void startAndApplyTheCrd() {
    kube = EmbeddedKubernetes.start();
    client = kube.client();
    kubectl = Kubectl.against(kube.writeKubeconfig(work.resolve("kubeconfig")));
    Kubectl.Result applied = kubectl.run("apply", "-f", Repository.crds().toString());
    assertSucceeded(applied);
    assertThat(applied.stdout())
        .contains("customresourcedefinition.apiextensions.k8s.io/secretbackends.mcpctl.io created");
  }

  @AfterAll
  static void stop() {
    if (kubectl != null) {
      kubectl.close();
    }
    if (kube != null) {
      kube.close();
    }
  }

  @Test
  void theValidExamplesApplyAndGetPrintsTheSixColumns() {
    applyValidExamplesIn("columns");

    Kubectl.Result get = kubectl.run("get", "sb", "-n", "columns");

    assertSucceeded(get);
    KubectlTable table = KubectlTable.parse(get.stdout());
    assertThat(table.headers())
        .containsExactly(
            "NAME",
            "TYPE",
            "DEFAULT",
            "READY",
            "REASON",
            "HEALTH",
            "LAST ROTATION",
            "EXPIRES",
            "AGE");
    assertThat(table.column("NAME")).containsExactlyInAnyOrderElementsOf(exampleNames());
    assertThat(table.row("kube").get("TYPE")).isEqualTo("kubernetes");
    assertThat(table.row("bao").get("TYPE")).isEqualTo("openbao");
    assertThat(table.row("bao").get("DEFAULT")).isEqualTo("true");
    assertThat(table.row("bao").get("AGE")).matches("\\d+s");
  }

  @Test
  void getAsYamlAndJsonRoundTripsEachSpecWithTheSchemaDefaults() throws IOException {
    applyValidExamplesIn("round-trip");

    for (Path example : Repository.validExamples()) {
      JsonNode expected = yaml(Files.readString(example));
      String name = expected.path("metadata").path("name").asText();
      Kubectl.Result asYaml = kubectl.run("get", "sb", name, "-n", "round-trip", "-o", "yaml");
      Kubectl.Result asJson =
          kubectl.run("get", "secretbackend", name, "-n", "round-trip", "-o", "json");
      assertSucceeded(asYaml);
      assertSucceeded(asJson);

      JsonNode fromYaml = yaml(asYaml.stdout());
      assertContains(expected.path("spec"), fromYaml.path("spec"), example + ": spec");
      assertThat(JSON.readTree(asJson.stdout()).path("spec")).isEqualTo(fromYaml.path("spec"));
    }
    JsonNode bao =
        yaml(kubectl.run("get", "sb", "bao", "-n", "round-trip", "-o", "yaml").stdout())
            .path("spec");
    assertThat(bao.at("/openbao/kv/mount").asText()).isEqualTo("secret");
    assertThat(bao.at("/openbao/kv/pathPrefix").asText()).isEqualTo("mcpctl");
    assertThat(bao.at("/openbao/auth/rotation/interval").asText()).isEqualTo("24h");
    assertThat(bao.at("/openbao/auth/rotation/jitter").asText()).isEqualTo("10m");
    assertThat(bao.at("/openbao/auth/rotation/revokeGracePeriod").asText()).isEqualTo("2m");
  }

  @Test
  void describeShowsAnEventCreatedThroughTheFabric8Client() {
    applyValidExamplesIn("described");
    SecretBackend bao =
        client.resources(SecretBackend.class).inNamespace("described").withName("bao").get();
    client
        .v1()
        .events()
        .inNamespace("described")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("bao.rotated")
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("mcpctl.io/v1alpha1")
                .withKind("SecretBackend")
                .withName("bao")
                .withNamespace("described")
                .withUid(bao.getMetadata().getUid())
                .endInvolvedObject()
                .withType("Normal")
                .withReason("Rotated")
                .withMessage("Rotated the token of bao")
                .withCount(1)
                .withFirstTimestamp("2025-03-01T12:00:00Z")
                .withLastTimestamp("2025-03-01T12:00:00Z")
                .withNewSource()
                .withComponent("mcpctl-operator")
                .endSource()
                .build())
        .create();

    Kubectl.Result describe = kubectl.run("describe", "sb", "bao", "-n", "described");

    assertSucceeded(describe);
    String events = describe.stdout().substring(describe.stdout().indexOf("Events:"));
    assertThat(events).contains("Rotated", "mcpctl-operator", "Rotated the token of bao");
    assertThat(describe.stdout()).contains("Name:         bao", "https://bao.example.com:8200");
  }

  @Test
  void theInvalidExamplesAreRefusedNamingTheField() throws IOException {
    kubectl.run("create", "namespace", "invalid");
    for (Path example : Repository.invalidExamples()) {
      Kubectl.Result refused = kubectl.run("apply", "-n", "invalid", "-f", example.toString());

      assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
      assertThat(refused.stderr())
          .as(example.toString())
          .containsPattern("is invalid: \\[?spec\\.[\\w.\\[\\]]+: ");
      Matcher named = FIELD_IN_COMMENT.matcher(Files.readAllLines(example).get(0));
      if (named.find()) {
        assertThat(refused.stderr()).as(example.toString()).contains(named.group());
      }
    }
    assertThat(kubectl.run("get", "sb", "-n", "invalid").stderr()).contains("No resources found");
  }

  @Test
  void anAnnotationSetByKubectlReachesAFabric8Informer() {
    applyValidExamplesIn("annotated");
    List<String> rotateRequests = new CopyOnWriteArrayList<>();
    SharedIndexInformer<SecretBackend> informer =
        client
            .resources(SecretBackend.class)
            .inNamespace("annotated")
            .inform(rotateRequestsInto(rotateRequests));
    try {
      Kubectl.Result annotate =
          kubectl.run(
              "annotate",
              "sb",
              "bao",
              "-n",
              "annotated",
              SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION + "=2025-03-01T12:00:00Z");

      assertSucceeded(annotate);
      assertThat(annotate.stdout()).contains("secretbackend.mcpctl.io/bao annotated");
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(rotateRequests).contains("bao=2025-03-01T12:00:00Z"));
    } finally {
      informer.close();
    }
  }

  @Test
  void createSecretGenericAndGetSecretAsYamlWork() {
    kubectl.run("create", "namespace", "secrets");
    String tokenValue = "e2e-placeholder-token-value";

    Kubectl.Result created =
        kubectl.run(
            "create",
            "secret",
            "generic",
            "bao-token",
            "-n",
            "secrets",
            "--from-literal=token=" + tokenValue);

    assertSucceeded(created);
    assertThat(created.stdout()).contains("secret/bao-token created").doesNotContain(tokenValue);
    Kubectl.Result asYaml =
        kubectl.run("get", "secret", "bao-token", "-n", "secrets", "-o", "yaml");
    assertSucceeded(asYaml);
    JsonNode secret = yaml(asYaml.stdout());
    assertThat(secret.path("type").asText()).isEqualTo("Opaque");
    assertThat(
            new String(
                Base64.getDecoder().decode(secret.at("/data/token").asText()),
                StandardCharsets.UTF_8))
        .isEqualTo(tokenValue);
    assertThat(client.secrets().inNamespace("secrets").withName("bao-token").get().getData())
        .containsEntry(
            "token",
            Base64.getEncoder().encodeToString(tokenValue.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void patchMergeChangesTheSpecAndBumpsTheGeneration() {
    applyValidExamplesIn("patched");

    Kubectl.Result patch =
        kubectl.run(
            "patch",
            "sb",
            "bao-static",
            "-n",
            "patched",
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"default\":true}}");

    assertSucceeded(patch);
    assertThat(patch.stdout()).contains("secretbackend.mcpctl.io/bao-static patched");
    SecretBackend patched =
        client.resources(SecretBackend.class).inNamespace("patched").withName("bao-static").get();
    assertThat(patched.getSpec().isDefaultBackend()).isTrue();
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);
    Kubectl.Result invalidPatch =
        kubectl.run(
            "patch",
            "sb",
            "bao-static",
            "-n",
            "patched",
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"type\":\"vault\"}}");
    assertThat(invalidPatch.exitCode()).isNotZero();
    assertThat(invalidPatch.stderr()).contains("spec.type");
  }

  @Test
  void deleteRemovesTheBackend() {
    applyValidExamplesIn("deleted");

    Kubectl.Result delete = kubectl.run("delete", "sb", "kube", "-n", "deleted");

    assertSucceeded(delete);
    assertThat(delete.stdout()).contains("secretbackend.mcpctl.io \"kube\" deleted");
    Kubectl.Result get = kubectl.run("get", "sb", "kube", "-n", "deleted");
    assertThat(get.exitCode()).isNotZero();
    assertThat(get.stderr()).contains("Error from server (NotFound)", "\"kube\" not found");
    assertThat(client.resources(SecretBackend.class).inNamespace("deleted").withName("kube").get())
        .isNull();
  }

  @Test
  void getAcrossAllNamespacesAddsTheNamespaceColumn() {
    applyValidExamplesIn("all-a");
    applyValidExamplesIn("all-b");

    Kubectl.Result get = kubectl.run("get", "sb", "-A");

    assertSucceeded(get);
    KubectlTable table = KubectlTable.parse(get.stdout());
    assertThat(table.headers()).startsWith("NAMESPACE", "NAME", "TYPE");
    assertThat(table.rows())
        .filteredOn(row -> row.get("NAME").equals("kube"))
        .extracting(row -> row.get("NAMESPACE"))
        .contains("all-a", "all-b");
  }

  @Test
  void theLauncherServesKubectlUntilSigtermThenRemovesReady() throws Exception {
    Path dir = work.resolve("launched");
    Path console = work.resolve("launched-console.txt");
    Process up =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Repository.sandboxJar().toString(),
                "up",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(console.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> Files.exists(dir.resolve("ready")) || !up.isAlive());
      assertThat(up.isAlive())
          .as("the launcher runs; its console: %s", Files.readString(console))
          .isTrue();
      assertThat(Files.readString(console))
          .contains("export KUBECONFIG=" + dir.resolve("kubeconfig"));

      try (Kubectl launched = Kubectl.against(dir.resolve("kubeconfig"))) {
        Kubectl.Result namespaces = launched.run("get", "namespaces");
        assertSucceeded(namespaces);
        assertThat(KubectlTable.parse(namespaces.stdout()).column("NAME")).contains("default");
      }
      Path env = dir.resolve("openbao.env");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env)))
          .isEqualTo("rw-------");
      Properties openBao = new Properties();
      openBao.load(Files.newBufferedReader(env));
      assertThat(openBao.getProperty("BAO_ADDR")).startsWith("http://127.0.0.1:");
      String rootToken = openBao.getProperty("BAO_TOKEN");
      assertThat(rootToken).isNotBlank();

      up.destroy();
      assertThat(up.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
      assertThat(up.exitValue()).isEqualTo(143);
      assertThat(dir.resolve("ready")).doesNotExist();
      assertThat(Files.readString(dir.resolve("sandbox.log")))
          .contains("Sandbox stopped")
          .doesNotContain(rootToken);
      assertThat(Files.readString(console)).doesNotContain(rootToken);
    } finally {
      up.destroyForcibly();
    }
  }

  private static void applyValidExamplesIn(String namespace) {
    assertSucceeded(kubectl.run("create", "namespace", namespace));
    Kubectl.Result applied =
        kubectl.run(
            "apply", "-n", namespace, "-f", Repository.root().resolve("examples").toString());
    assertSucceeded(applied);
    assertThat(applied.stderr()).isEmpty();
  }

  private static List<String> exampleNames() {
    return Repository.validExamples().stream()
        .map(
            example -> {
              try {
                return yaml(Files.readString(example)).path("metadata").path("name").asText();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static JsonNode yaml(String text) {
    return JSON.valueToTree(client.getKubernetesSerialization().unmarshal(text, Map.class));
  }

  /** Every field of {@code expected} is in {@code actual} with the same value. */
  private static void assertContains(JsonNode expected, JsonNode actual, String path) {
    if (!expected.isObject()) {
      assertThat(actual).as(path).isEqualTo(expected);
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      assertContains(field.getValue(), actual.path(field.getKey()), path + "." + field.getKey());
    }
  }

  private static void assertSucceeded(Kubectl.Result result) {
    assertThat(result.exitCode()).as(result.describe()).isZero();
  }

  private static ResourceEventHandler<SecretBackend> rotateRequestsInto(List<String> requests) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(SecretBackend backend) {}

      @Override
      public void onUpdate(SecretBackend before, SecretBackend after) {
        String requested =
            after.getMetadata().getAnnotations().get(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION);
        if (requested != null) {
          requests.add(after.getMetadata().getName() + "=" + requested);
        }
      }

      @Override
      public void onDelete(SecretBackend backend, boolean deletedFinalStateUnknown) {}
    };
  }
}
