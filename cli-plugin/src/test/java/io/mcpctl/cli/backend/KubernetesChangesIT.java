package io.mcpctl.cli.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.common.CliException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run's writes and undos of a Secret name the version they expect, so that a token the operator
 * wrote into the Secret meanwhile is neither deleted nor overwritten with older data; an undo of a
 * backend leaves one whose spec was edited since, and waits out the operator's status writes.
 */
class KubernetesChangesIT {

  private static final String NAME = "bao-token";
  private static final String BACKEND = "bao";

  private static KubeFixture kube;
  private String namespace;

  @BeforeAll
  static void start() {
    kube = KubeFixture.start();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @BeforeEach
  void namespace() {
    namespace = kube.newNamespace("changes");
  }

  @Test
  void aSecretWrittenJustBeforeItsTypeChangeIsLeftAsItIs() {
    existing("Opaque", "old");
    try (KubernetesClient racing =
        clientThatRunsBefore("DELETE", "/secrets/" + NAME, 1, () -> writeToken("rotated"))) {
      KubernetesChanges changes = new KubernetesChanges(racing, namespace);
      assertThatThrownBy(() -> changes.applySecret(desired("mcpctl.io/token", "new")))
          .isInstanceOf(CliException.class)
          .hasMessage(
              "Secret bao-token changed while this run went on (the operator may have rotated the"
                  + " token in it), so it was left as it is; run the command again.");
      assertThat(changes.changedAnything()).isFalse();
    }
    assertThat(token()).isEqualTo("rotated");
  }

  @Test
  void undoingAnUpdateLeavesATokenWrittenAfterIt() {
    existing("mcpctl.io/token", "old");
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    assertThat(changes.applySecret(desired("mcpctl.io/token", "new")))
        .isEqualTo(KubernetesChanges.Change.UPDATED);
    writeToken("rotated");

    assertThat(changes.rollBack())
        .singleElement()
        .asString()
        .isEqualTo(
            "Could not restore Secret bao-token: it changed after this run wrote it (the operator"
                + " may have rotated the token in it), so it was left as it is.");
    assertThat(token()).isEqualTo("rotated");
    assertThat(changes.notRestored(NAME)).isTrue();
  }

  @Test
  void undoingAnUpdateNobodyTouchedPutsTheOldDataBack() {
    existing("mcpctl.io/token", "old");
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    changes.applySecret(desired("mcpctl.io/token", "new"));

    assertThat(changes.rollBack()).isEmpty();
    assertThat(token()).isEqualTo("old");
    assertThat(changes.notRestored(NAME)).isFalse();
  }

  @Test
  void undoingACreationLeavesASecretWrittenAfterIt() {
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    assertThat(
            changes.applySecretUnchangedSince(desired("mcpctl.io/token", "new"), Optional.empty()))
        .isEqualTo(KubernetesChanges.Change.CREATED);
    writeToken("rotated");

    assertThat(changes.rollBack())
        .singleElement()
        .asString()
        .startsWith("Could not delete Secret bao-token: ");
    assertThat(token()).isEqualTo("rotated");
  }

  @Test
  void undoingATypeChangeLeavesATokenWrittenAfterIt() {
    existing("Opaque", "old");
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    assertThat(changes.applySecret(desired("mcpctl.io/token", "new")))
        .isEqualTo(KubernetesChanges.Change.REPLACED);
    writeToken("rotated");

    assertThat(changes.rollBack())
        .singleElement()
        .asString()
        .startsWith("Could not restore Secret bao-token of type Opaque: ");
    assertThat(token()).isEqualTo("rotated");
    assertThat(kube.client().secrets().inNamespace(namespace).withName(NAME).get().getType())
        .isEqualTo("mcpctl.io/token");
  }

  @Test
  void undoingATypeChangeNobodyTouchedPutsTheOldSecretBack() {
    existing("Opaque", "old");
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    changes.applySecret(desired("mcpctl.io/token", "new"));

    assertThat(changes.rollBack()).isEmpty();
    Secret restored = kube.client().secrets().inNamespace(namespace).withName(NAME).get();
    assertThat(restored.getType()).isEqualTo("Opaque");
    assertThat(token()).isEqualTo("old");
  }

  @Test
  void undoingABackendUpdateLeavesASpecEditedAfterIt() {
    backends().resource(backend(BackendObjects.kubernetesSpec(false))).create();
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    assertThat(changes.applyBackend(backend(BackendObjects.kubernetesSpec(true))))
        .isEqualTo(KubernetesChanges.Change.UPDATED);
    editSpec(openBaoSpec());

    assertThat(changes.rollBack())
        .singleElement()
        .asString()
        .isEqualTo(
            "Could not restore SecretBackend bao: it was edited after this run wrote it, so it was"
                + " left as it is.");
    assertThat(backends().withName(BACKEND).get().getSpec()).isEqualTo(openBaoSpec());
  }

  @Test
  void undoingABackendUpdateWaitsOutAStatusWrittenJustBeforeIt() {
    backends().resource(backend(BackendObjects.kubernetesSpec(false))).create();
    // The second PUT of the backend is the undo's: the operator writes status just before it.
    try (KubernetesClient racing =
        clientThatRunsBefore("PUT", "/secretbackends/" + BACKEND, 2, this::writeStatus)) {
      KubernetesChanges changes = new KubernetesChanges(racing, namespace);
      changes.applyBackend(backend(BackendObjects.kubernetesSpec(true)));

      assertThat(changes.rollBack()).isEmpty();
    }
    SecretBackend restored = backends().withName(BACKEND).get();
    assertThat(restored.getSpec()).isEqualTo(BackendObjects.kubernetesSpec(false));
    assertThat(restored.getStatus()).as("the operator's status stays").isNotNull();
  }

  @Test
  void undoingABackendCreationLeavesABackendEditedAfterIt() {
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    assertThat(changes.applyBackend(backend(BackendObjects.kubernetesSpec(false))))
        .isEqualTo(KubernetesChanges.Change.CREATED);
    editSpec(openBaoSpec());

    assertThat(changes.rollBack())
        .singleElement()
        .asString()
        .isEqualTo(
            "Could not delete SecretBackend bao: it was edited after this run wrote it, so it was"
                + " left as it is.");
    assertThat(backends().withName(BACKEND).get().getSpec()).isEqualTo(openBaoSpec());
  }

  @Test
  void undoingABackendCreationDeletesItDespiteTheOperatorsStatus() {
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    changes.applyBackend(backend(BackendObjects.kubernetesSpec(false)));
    writeStatus();

    assertThat(changes.rollBack()).isEmpty();
    assertThat(backends().withName(BACKEND).get()).isNull();
  }

  @Test
  void undoingADemotionLeavesABackendEditedAfterIt() {
    backends().resource(backend(BackendObjects.kubernetesSpec(true))).create();
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    changes.setDefault(BACKEND, false);
    editSpec(openBaoSpec());

    assertThat(changes.rollBack())
        .singleElement()
        .asString()
        .isEqualTo(
            "Could not restore default on SecretBackend bao: it was edited after this run wrote"
                + " it, so it was left as it is.");
    assertThat(backends().withName(BACKEND).get().getSpec()).isEqualTo(openBaoSpec());
  }

  @Test
  void undoingADemotionNobodyTouchedMakesItTheDefaultAgain() {
    backends().resource(backend(BackendObjects.kubernetesSpec(true))).create();
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    changes.setDefault(BACKEND, false);
    writeStatus();

    assertThat(changes.rollBack()).isEmpty();
    assertThat(backends().withName(BACKEND).get().getSpec().isDefaultBackend()).isTrue();
  }

  private SecretBackend backend(SecretBackendSpec spec) {
    return BackendObjects.backend(namespace, BACKEND, spec);
  }

  private static SecretBackendSpec openBaoSpec() {
    return BackendObjects.openBaoSpec(
        new BackendNames(BACKEND),
        new BackendObjects.OpenBaoTarget("https://bao.example:8200", "secret", "mcp", false, false),
        Optional.empty(),
        false);
  }

  /** Someone else replaces the backend's spec. */
  private void editSpec(SecretBackendSpec spec) {
    backends()
        .withName(BACKEND)
        .edit(
            current -> {
              current.setSpec(spec);
              return current;
            });
  }

  /** The operator writes the backend's status: its version moves, its spec does not. */
  private void writeStatus() {
    SecretBackend current = backends().withName(BACKEND).get();
    SecretBackendStatus status = new SecretBackendStatus();
    status.setObservedGeneration(current.getMetadata().getGeneration());
    current.setStatus(status);
    backends().resource(current).updateStatus();
  }

  private NonNamespaceOperation<
          SecretBackend, KubernetesResourceList<SecretBackend>, Resource<SecretBackend>>
      backends() {
    return kube.client().resources(SecretBackend.class).inNamespace(namespace);
  }

  /**
   * A client that runs {@code write} just before its {@code nth} request of {@code method} to a
   * path ending in {@code pathEnd}, as another writer racing the run would.
   */
  private KubernetesClient clientThatRunsBefore(
      String method, String pathEnd, int nth, Runnable write) {
    AtomicInteger seen = new AtomicInteger();
    return new KubernetesClientBuilder()
        .withConfig(kube.api().clientConfig())
        .withHttpClientBuilderConsumer(
            builder ->
                builder.addOrReplaceInterceptor(
                    "race",
                    new Interceptor() {
                      @Override
                      public void before(
                          BasicBuilder headers, HttpRequest request, RequestTags tags) {
                        if (request.method().equals(method)
                            && request.uri().getPath().endsWith(pathEnd)
                            && seen.incrementAndGet() == nth) {
                          write.run();
                        }
                      }
                    }))
        .build();
  }

  private void existing(String type, String token) {
    kube.client().secrets().inNamespace(namespace).resource(desired(type, token)).create();
  }

  private Secret desired(String type, String token) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(namespace)
        .endMetadata()
        .withType(type)
        .withData(Map.of("token", encoded(token)))
        .build();
  }

  private void writeToken(String token) {
    kube.client()
        .secrets()
        .inNamespace(namespace)
        .withName(NAME)
        .edit(
            secret -> new SecretBuilder(secret).withData(Map.of("token", encoded(token))).build());
  }

  private String token() {
    return new String(
        Base64.getDecoder()
            .decode(
                kube.client()
                    .secrets()
                    .inNamespace(namespace)
                    .withName(NAME)
                    .get()
                    .getData()
                    .get("token")),
        StandardCharsets.UTF_8);
  }

  private static String encoded(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
