package io.mcpctl.e2e;

import static io.mcpctl.e2e.PluginE2E.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.e2e.PluginE2E.Result;
import io.mcpctl.e2e.support.KubectlTable;
import io.mcpctl.e2e.support.Repository;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 end to end through the real kubectl and the packaged plugin: MCP secrets created on the
 * built-in store, the wizard run non-interactively against the OpenBao stand-in, the migrate
 * command it prints pasted verbatim into a shell, and {@code list secrets} showing them on bao. The
 * cluster is the embedded API in this JVM; the plugin finds it through {@code KUBECONFIG}, as it
 * would after {@code kubectl config use-context}.
 */
class MigrationE2E {

  private static final String NAMESPACE = "migration";

  @TempDir Path work;

  private EmbeddedKubernetes kube;
  private OpenBaoStandIn bao;
  private Map<String, String> environment;
  private final List<Result> results = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    kube = EmbeddedKubernetes.start();
    bao = OpenBaoStandIn.start(StandInOptions.defaults());
    Path kubeconfig = kube.writeKubeconfig(work.resolve("kubeconfig"));
    kube.client()
        .resource(
            Serialization.unmarshal(
                Files.readString(Repository.crds().resolve("secretbackends.mcpctl.io-v1.yml")),
                CustomResourceDefinition.class))
        .create();
    kube.client()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    environment =
        Map.of(
            "KUBECONFIG", kubeconfig.toString(),
            "KUBECACHEDIR", work.resolve("kubectl-cache").toString());
  }

  @AfterEach
  void stop() {
    bao.close();
    kube.close();
  }

  @Test
  void theMigrateCommandTheWizardPrintsMovesEverySecretToOpenBaoWhenPastedVerbatim()
      throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : List.of("github", "jira", "slack")) {
      values.put(name, "e2e-" + name + "-value-Zq8");
    }
    values.forEach(
        (name, value) ->
            succeeded(
                plugin(
                    "create",
                    "secret",
                    name,
                    "--from-literal",
                    "token=" + value,
                    "-n",
                    NAMESPACE)));
    KubectlTable before =
        KubectlTable.parse(succeeded(plugin("list", "secrets", "-n", NAMESPACE)).stdout());
    assertThat(before.column("BACKEND")).containsOnly("default");

    Result wizard =
        succeeded(
            plugin(
                "create",
                "secretbackend",
                "bao",
                "--type",
                "openbao",
                "--wizard",
                "--url",
                bao.address().toString(),
                "--admin-token-file",
                adminTokenFile().toString(),
                "--yes",
                "-n",
                NAMESPACE));

    assertThat(wizard.stdout())
        .contains(
            "The previous default backend 'default' holds 3 MCP secrets; move them to bao with:");
    List<String> migrateLines =
        wizard.stdout().lines().filter(line -> line.startsWith("kubectl mcpctl migrate")).toList();
    assertThat(migrateLines).as(wizard.toString()).hasSize(1);
    String pasted = migrateLines.get(0);

    Result migrated = succeeded(shell(pasted));

    assertThat(migrated.stdout()).endsWith("Total: 3 secrets: 3 moved.\n");
    KubectlTable after =
        KubectlTable.parse(succeeded(plugin("list", "secrets", "-n", NAMESPACE)).stdout());
    assertThat(after.column("NAME")).containsExactly("github", "jira", "slack");
    assertThat(after.column("BACKEND")).containsOnly("bao");
    Result leftOnDefault =
        succeeded(plugin("list", "secrets", "--backend", "default", "-n", NAMESPACE));
    assertThat(leftOnDefault.stderr())
        .isEqualTo("No MCP secrets on backend default in namespace " + NAMESPACE + ".\n");
    List<Result> withoutReveal = List.copyOf(results);
    Result revealed =
        succeeded(plugin("get", "secret", "github", "--reveal", "-o", "json", "-n", NAMESPACE));
    assertThat(new ObjectMapper().readTree(revealed.stdout()).path("data").path("token").asText())
        .isEqualTo(values.get("github"));

    String clusterObjects =
        Serialization.asJson(kube.client().secrets().inNamespace(NAMESPACE).list());
    for (String value : values.values()) {
      for (String form : forms(value)) {
        assertThat(clusterObjects).as("no copy left in the cluster").doesNotContain(form);
        withoutReveal.forEach(
            result ->
                assertThat(result.stdout() + result.stderr())
                    .as(result.toString())
                    .doesNotContain(form));
      }
    }
    for (String form : forms(bao.rootToken().reveal())) {
      results.forEach(result -> assertThat(result.stdout() + result.stderr()).doesNotContain(form));
    }
  }

  private Path adminTokenFile() throws IOException {
    Path file = work.resolve("admin-token");
    Files.writeString(file, bao.rootToken().reveal() + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private Result plugin(String... args) {
    List<String> command = new ArrayList<>(List.of("kubectl", "mcpctl"));
    command.addAll(List.of(args));
    return record(
        PluginE2E.run(
            PluginE2E.pluginDirectory(), environment, null, command.toArray(String[]::new)));
  }

  /** A line as a person pastes it into a shell, with the plugin on PATH. */
  private Result shell(String line) {
    return record(
        PluginE2E.run(PluginE2E.pluginDirectory(), environment, null, "/bin/sh", "-c", line));
  }

  private Result record(Result result) {
    results.add(result);
    return result;
  }

  private static List<String> forms(String value) {
    return List.of(
        value, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
  }
}
