package io.mcpctl.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mcpctl.operator.rotation.SecretAccessException;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.operator.testing.KubernetesFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store keeps only the Secrets of recent reconciles; an update of one it no longer keeps reads
 * it again and still carries the version the caller read.
 */
class KubernetesTokenSecretStoreIT {

  private static final String NAMESPACE = "store";
  private static KubernetesFixture kube;

  @BeforeAll
  static void start() {
    kube = new KubernetesFixture();
    kube.createNamespace(NAMESPACE);
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void anUpdateOfASecretReadLongAgoStillWritesThatVersionOnly() {
    KubernetesTokenSecretStore store = new KubernetesTokenSecretStore(kube.client());
    int count = KubernetesTokenSecretStore.REMEMBERED_SECRETS + 20;
    List<TokenSecret> read = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      kube.client()
          .secrets()
          .inNamespace(NAMESPACE)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("token-" + i)
                  .endMetadata()
                  .withStringData(Map.of("token", "value-" + i))
                  .build())
          .create();
      read.add(store.read(NAMESPACE, "token-" + i).orElseThrow());
    }

    TokenSecret first = read.get(0);
    TokenSecret written = store.update(first.withData(Map.of("next-accessor", "a1")));
    assertThat(written.data()).containsEntry("next-accessor", "a1").containsKey("token");

    assertThatThrownBy(() -> store.update(first.withData(Map.of("next-accessor", "a2"))))
        .as("the version read before the first update is stale now")
        .isInstanceOf(SecretAccessException.class);
    TokenSecret last = read.get(count - 1);
    assertThat(store.update(last.withData(Map.of("next-accessor", "b1"))).data())
        .containsEntry("next-accessor", "b1");
  }

  @Test
  void aSecretLargerThanATokenSecretIsNotKeptAndItsUpdateReadsItAgain() {
    KubernetesTokenSecretStore store = new KubernetesTokenSecretStore(kube.client());
    String large = "x".repeat((int) KubernetesTokenSecretStore.REMEMBERED_SECRET_BYTES);
    for (String name : List.of("small", "large")) {
      kube.client()
          .secrets()
          .inNamespace(NAMESPACE)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .withStringData(Map.of("token", name.equals("large") ? large : "value"))
                  .build())
          .create();
    }

    store.read(NAMESPACE, "small").orElseThrow();
    TokenSecret read = store.read(NAMESPACE, "large").orElseThrow();

    assertThat(store.remembers(NAMESPACE, "small")).isTrue();
    assertThat(store.remembers(NAMESPACE, "large"))
        .as("any Secret of the namespace may be named, up to 1 MiB; 256 of those fill the heap")
        .isFalse();
    assertThat(store.update(read.withData(Map.of("next-accessor", "a1"))).data())
        .containsEntry("next-accessor", "a1");
  }

  @Test
  void aDeleteRemovesOnlyTheVersionReadAndKeepsOneWrittenSince() {
    KubernetesTokenSecretStore store = new KubernetesTokenSecretStore(kube.client());
    kube.client()
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("going")
                .endMetadata()
                .withStringData(Map.of("token", "first"))
                .build())
        .create();
    TokenSecret read = store.read(NAMESPACE, "going").orElseThrow();
    TokenSecret rewritten = store.update(read.withData(Map.of("next-token", "minted-meanwhile")));

    assertThatThrownBy(() -> store.delete(read))
        .isInstanceOfSatisfying(
            SecretAccessException.class,
            refused -> assertThat(refused.conflict()).as("a conflict, worth a retry").isTrue());
    assertThat(store.read(NAMESPACE, "going"))
        .as("the token written after the read is still held")
        .hasValueSatisfying(kept -> assertThat(kept.data()).containsKey("next-token"));

    store.delete(rewritten);
    assertThat(store.read(NAMESPACE, "going")).isEmpty();
  }
}
