package io.mcpctl.cli.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.common.CliException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run's writes and undos of a Secret name the version they expect, so that a token the operator
 * wrote into the Secret meanwhile is neither deleted nor overwritten with older data.
 */
class KubernetesChangesIT {

  private static final String NAME = "bao-token";

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
    try (KubernetesClient racing = clientThatWritesFirstOn("DELETE", "rotated")) {
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
  }

  @Test
  void undoingAnUpdateNobodyTouchedPutsTheOldDataBack() {
    existing("mcpctl.io/token", "old");
    KubernetesChanges changes = new KubernetesChanges(kube.client(), namespace);
    changes.applySecret(desired("mcpctl.io/token", "new"));

    assertThat(changes.rollBack()).isEmpty();
    assertThat(token()).isEqualTo("old");
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

  /**
   * A client whose first request of {@code method} is preceded by another writer putting {@code
   * token} into the Secret, as the operator would between the run's read and its write.
   */
  private KubernetesClient clientThatWritesFirstOn(String method, String token) {
    AtomicBoolean written = new AtomicBoolean();
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
                            && request.uri().getPath().endsWith("/secrets/" + NAME)
                            && written.compareAndSet(false, true)) {
                          writeToken(token);
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
