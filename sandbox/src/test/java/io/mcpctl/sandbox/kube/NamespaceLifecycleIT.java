package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Namespaces exist as on a cluster, through the real kubectl: nothing is created in a namespace
 * that does not exist or is being deleted, and deleting a namespace removes what it holds, waiting
 * for finalizers as the namespace controller does.
 */
class NamespaceLifecycleIT {

  @TempDir static Path dir;
  private static EmbeddedKubernetes kube;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start();
    kubectl = Kubectl.against(kube.writeKubeconfig(dir.resolve("admin")));
  }

  @AfterAll
  static void stop() {
    kubectl.close();
    kube.close();
  }

  @Test
  void nothingIsCreatedInANamespaceThatDoesNotExist() {
    Kubectl.Result created =
        kubectl.run("create", "secret", "generic", "s", "--from-literal=a=b", "-n", "nowhere");

    assertThat(created.exitCode()).isNotZero();
    assertThat(created.stderr().strip())
        .isEqualTo("error: failed to create secret namespaces \"nowhere\" not found");
    assertThat(kubectl.run("get", "namespace", "nowhere").exitCode()).isNotZero();
  }

  @Test
  void deletingANamespaceRemovesWhatItHoldsOnceFinalizersAreReleased() {
    assertThat(kubectl.run("create", "namespace", "doomed").succeeded()).isTrue();
    assertThat(
            kubectl
                .run("create", "secret", "generic", "s", "--from-literal=a=b", "-n", "doomed")
                .succeeded())
        .isTrue();
    Kubectl.Result held =
        kubectl.runWithInput(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: held, namespace: doomed, finalizers: [example.com/cleanup]}
            """,
            "apply",
            "-f",
            "-");
    assertThat(held.succeeded()).as(held.describe()).isTrue();

    Kubectl.Result deleted = kubectl.run("delete", "namespace", "doomed", "--wait=false");
    assertThat(deleted.succeeded()).as(deleted.describe()).isTrue();

    assertThat(kubectl.run("get", "namespace", "doomed", "-o", "jsonpath={.status.phase}").stdout())
        .isEqualTo("Terminating");
    assertThat(kubectl.run("get", "secret", "s", "-n", "doomed").stderr())
        .contains("secrets \"s\" not found");
    assertThat(
            kubectl
                .run(
                    "get",
                    "configmap",
                    "held",
                    "-n",
                    "doomed",
                    "-o",
                    "jsonpath={.metadata.deletionTimestamp}")
                .stdout())
        .as("the object with a finalizer is marked, not removed")
        .isNotEmpty();
    Kubectl.Result refused = kubectl.run("create", "configmap", "late", "-n", "doomed");
    assertThat(refused.stderr())
        .contains(
            "configmaps \"late\" is forbidden: unable to create new content in namespace doomed"
                + " because it is being terminated");

    Kubectl.Result released =
        kubectl.run(
            "patch",
            "configmap",
            "held",
            "-n",
            "doomed",
            "--type=merge",
            "-p",
            "{\"metadata\":{\"finalizers\":null}}");
    assertThat(released.succeeded()).as(released.describe()).isTrue();

    assertThat(kubectl.run("get", "namespace", "doomed").stderr())
        .contains("namespaces \"doomed\" not found");
  }
}
