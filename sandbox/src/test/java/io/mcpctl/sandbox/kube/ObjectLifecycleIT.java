package io.mcpctl.sandbox.kube;

import static io.mcpctl.sandbox.kube.SecretBackendFixtures.backends;
import static io.mcpctl.sandbox.kube.SecretBackendFixtures.kubernetesBackend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How objects live and die through a fabric8 client, as JOSDK relies on. */
class ObjectLifecycleIT {

  private static final String FINALIZER = "mcpctl.io/revoke-tokens";
  private static final String WIDGET_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widgets.example.com
      spec:
        group: example.com
        scope: Namespaced
        names: {kind: Widget, plural: widgets, singular: widget}
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              x-kubernetes-preserve-unknown-fields: true
      """;

  private static EmbeddedKubernetes kube;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start();
    client = kube.client();
    SecretBackendFixtures.installCrd(client);
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void deletingAnObjectWithAFinalizerMarksItAndRemovingTheLastFinalizerDeletesIt() {
    List<String> deleted = new CopyOnWriteArrayList<>();
    SharedIndexInformer<GenericKubernetesResource> informer =
        backends(client).inNamespace("default").inform(deletionsInto(deleted));
    try {
      GenericKubernetesResource backend = kubernetesBackend(client, "default", "guarded");
      backend.getMetadata().setFinalizers(List.of(FINALIZER));
      backends(client).resource(backend).update();

      backends(client).inNamespace("default").withName("guarded").delete();
      GenericKubernetesResource marked =
          backends(client).inNamespace("default").withName("guarded").get();
      assertThat(marked).as("kept while a finalizer remains").isNotNull();
      String deletionTimestamp = marked.getMetadata().getDeletionTimestamp();
      assertThat(OffsetDateTime.parse(deletionTimestamp)).isNotNull();

      backends(client).inNamespace("default").withName("guarded").delete();
      assertThat(backends(client).inNamespace("default").withName("guarded").get().getMetadata())
          .as("a second delete changes nothing")
          .extracting(meta -> meta.getDeletionTimestamp())
          .isEqualTo(deletionTimestamp);

      backends(client)
          .inNamespace("default")
          .withName("guarded")
          .edit(
              resource -> {
                resource.getMetadata().setFinalizers(List.of());
                return resource;
              });

      assertThat(backends(client).inNamespace("default").withName("guarded").get()).isNull();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(deleted).contains("guarded"));
    } finally {
      informer.close();
    }
  }

  @Test
  void anUpdateBasedOnAStaleResourceVersionIsRefusedWithConflict() {
    GenericKubernetesResource original = kubernetesBackend(client, "default", "contested");
    GenericKubernetesResource first = backends(client).resource(original).get();
    first.getMetadata().setLabels(Map.of("round", "one"));
    backends(client).resource(first).update();

    GenericKubernetesResource stale = original;
    stale.getMetadata().setLabels(Map.of("round", "two"));
    assertThatThrownBy(() -> backends(client).resource(stale).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
              assertThat(e.getStatus().getMessage()).contains("the object has been modified");
            });
    assertThatThrownBy(() -> kubernetesBackend(client, "default", "contested"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
            });
  }

  @Test
  void anAppliedStatusThatNamesAStaleResourceVersionIsRefusedWithConflict() {
    kubernetesBackend(client, "default", "applied-stale");
    var typed =
        client.resources(SecretBackend.class).inNamespace("default").withName("applied-stale");
    SecretBackend read = typed.get();
    read.setStatus(statusWithHealthDetail("first"));
    SecretBackend written = applyStatus(read);
    assertThat(written.getStatus().getTokenMeta().getLastRotationError()).isEqualTo("first");

    read.setStatus(statusWithHealthDetail("from the version before the first write"));
    assertThatThrownBy(() -> applyStatus(read))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getMessage()).contains("the object has been modified");
            });
    assertThat(typed.get().getStatus().getTokenMeta().getLastRotationError()).isEqualTo("first");

    read.getMetadata().setResourceVersion(null);
    assertThat(applyStatus(read).getStatus().getTokenMeta().getLastRotationError())
        .as("without a resourceVersion the apply is unconditional")
        .isEqualTo("from the version before the first write");
  }

  private SecretBackend applyStatus(SecretBackend backend) {
    return client
        .resource(backend)
        .subresource("status")
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager("mcpctl-operator")
                .withForce(true)
                .build());
  }

  @Test
  void theStatusSubresourceKeepsSpecAndStatusApart() {
    kubernetesBackend(client, "default", "status-apart");
    var typed =
        client.resources(SecretBackend.class).inNamespace("default").withName("status-apart");
    SecretBackend backend = typed.get();
    assertThat(backend.getMetadata().getGeneration()).isEqualTo(1L);

    backend.setStatus(statusWithHealthDetail("first"));
    SecretBackend afterStatus = client.resource(backend).updateStatus();
    assertThat(afterStatus.getStatus().getTokenMeta().getLastRotationError()).isEqualTo("first");
    assertThat(afterStatus.getMetadata().getGeneration())
        .as("status writes keep the generation")
        .isEqualTo(1L);

    afterStatus.getSpec().setDefault(true);
    afterStatus.setStatus(statusWithHealthDetail("ignored on the main resource"));
    SecretBackend afterSpec = client.resource(afterStatus).update();
    assertThat(afterSpec.getSpec().isDefaultBackend()).isTrue();
    assertThat(afterSpec.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(afterSpec.getStatus().getTokenMeta().getLastRotationError()).isEqualTo("first");

    afterSpec.setStatus(statusWithHealthDetail("merged"));
    assertThat(
            client
                .resource(afterSpec)
                .patchStatus()
                .getStatus()
                .getTokenMeta()
                .getLastRotationError())
        .isEqualTo("merged");

    SecretBackend applied = new SecretBackend();
    applied.getMetadata().setName("status-apart");
    applied.getMetadata().setNamespace("default");
    SecretBackendStatus appliedStatus = new SecretBackendStatus();
    appliedStatus.setObservedGeneration(2L);
    applied.setStatus(appliedStatus);
    SecretBackend afterApply = applyStatus(applied);
    assertThat(afterApply.getStatus().getObservedGeneration()).isEqualTo(2L);
    assertThat(afterApply.getStatus().getTokenMeta())
        .as("server-side apply of the status replaces what the single manager owned")
        .isNull();
    assertThat(afterApply.getSpec().isDefaultBackend()).isTrue();
  }

  @Test
  void anInformerOfTheTypedResourceSeesCreationsAndChanges() {
    List<String> seen = new CopyOnWriteArrayList<>();
    SharedIndexInformer<SecretBackend> informer =
        client
            .resources(SecretBackend.class)
            .inNamespace("default")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(SecretBackend backend) {
                    seen.add("add " + backend.getMetadata().getName());
                  }

                  @Override
                  public void onUpdate(SecretBackend before, SecretBackend after) {
                    String value =
                        after
                            .getMetadata()
                            .getAnnotations()
                            .get(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION);
                    if (value != null) {
                      seen.add("rotate " + value);
                    }
                  }

                  @Override
                  public void onDelete(SecretBackend backend, boolean unknownFinalState) {}
                });
    try {
      kubernetesBackend(client, "default", "watched");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(seen).contains("add watched"));
      backends(client)
          .inNamespace("default")
          .withName("watched")
          .edit(
              resource -> {
                resource
                    .getMetadata()
                    .setAnnotations(
                        Map.of(
                            SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, "2025-03-01T12:00:00Z"));
                return resource;
              });
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(seen).contains("rotate 2025-03-01T12:00:00Z"));
    } finally {
      informer.close();
    }
  }

  @Test
  void deletingAnOwnerDeletesTheObjectsItOwns() {
    GenericKubernetesResource owner = kubernetesBackend(client, "default", "owner");
    Secret owned =
        new SecretBuilder()
            .withNewMetadata()
            .withName("owner-token")
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("mcpctl.io/v1alpha1")
                    .withKind("SecretBackend")
                    .withName("owner")
                    .withUid(owner.getMetadata().getUid())
                    .build())
            .endMetadata()
            .withStringData(Map.of("token", "not-a-real-token"))
            .build();
    client.secrets().inNamespace("default").resource(owned).create();
    client.secrets().inNamespace("default").resource(unowned("bystander")).create();

    backends(client).inNamespace("default").withName("owner").delete();

    assertThat(client.secrets().inNamespace("default").withName("owner-token").get()).isNull();
    assertThat(client.secrets().inNamespace("default").withName("bystander").get()).isNotNull();
  }

  @Test
  void deletingANamespaceDeletesWhatItHolds() {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("doomed").endMetadata().build())
        .create();
    kubernetesBackend(client, "doomed", "inside");
    client.secrets().inNamespace("doomed").resource(unowned("inside")).create();
    client.secrets().inNamespace("default").resource(unowned("outside")).create();

    client.namespaces().withName("doomed").delete();

    assertThat(backends(client).inNamespace("doomed").list().getItems()).isEmpty();
    assertThat(client.secrets().inNamespace("doomed").list().getItems()).isEmpty();
    assertThat(client.secrets().inNamespace("default").withName("outside").get()).isNotNull();
  }

  @Test
  void deletingACrdDeletesItsCustomResources() {
    client.resource(WIDGET_CRD).create();
    var widgets =
        client.genericKubernetesResources("example.com/v1", "Widget").inNamespace("default");
    widgets
        .resource(
            client
                .getKubernetesSerialization()
                .unmarshal(
                    "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"}}",
                    GenericKubernetesResource.class))
        .create();

    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("widgets.example.com")
        .delete();
    client.resource(WIDGET_CRD).create();

    assertThat(widgets.list().getItems()).as("re-creating the CRD brings nothing back").isEmpty();
  }

  @Test
  void aNamespaceIsActiveOnceCreatedAndSecretsAreStoredAsTheServerStoresThem() {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
        .create();
    assertThat(client.namespaces().withName("team-a").get().getStatus().getPhase())
        .isEqualTo("Active");

    Secret created =
        client
            .secrets()
            .inNamespace("team-a")
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("plain")
                    .endMetadata()
                    .addToData("kept", "a2VwdA==")
                    .withStringData(Map.of("written", "as text"))
                    .build())
            .create();
    assertThat(created.getType()).isEqualTo("Opaque");
    assertThat(created.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(created.getStringData()).isNullOrEmpty();
    assertThat(created.getData())
        .containsEntry("kept", "a2VwdA==")
        .containsEntry("written", "YXMgdGV4dA==");
  }

  @Test
  void aSecretsTypeIsImmutableAsOnAClusterSoChangingItMeansRecreatingIt() {
    Secret created =
        client
            .secrets()
            .inNamespace("default")
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("typed")
                    .endMetadata()
                    .addToData("k", "dg==")
                    .build())
            .create();

    assertThatThrownBy(
            () ->
                client
                    .secrets()
                    .inNamespace("default")
                    .resource(new SecretBuilder(created).withType("example.com/other").build())
                    .update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage())
                  .contains(
                      "Secret \"typed\" is invalid: type: Invalid value: \"example.com/other\":"
                          + " field is immutable");
            });
    Secret relabelled =
        client
            .secrets()
            .inNamespace("default")
            .resource(
                new SecretBuilder(created)
                    .editMetadata()
                    .addToLabels("a", "b")
                    .endMetadata()
                    .build())
            .update();
    assertThat(relabelled.getType())
        .as("an update that keeps the type is fine")
        .isEqualTo("Opaque");
    assertThat(client.secrets().inNamespace("default").withName("typed").get().getType())
        .isEqualTo("Opaque");
  }

  @Test
  void aNameThatIsNoRfc1123SubdomainIsInvalid() {
    assertThatThrownBy(
            () -> client.secrets().inNamespace("default").resource(unowned("Not_Valid")).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getDetails().getCauses().get(0).getField())
                  .isEqualTo("metadata.name");
            });
  }

  @Test
  void aClientBuiltFromTheWrittenKubeconfigWorksAndWatches(@TempDir Path dir) {
    Config config =
        Config.fromKubeconfig(
            null, readString(kube.writeKubeconfig(dir.resolve("kubeconfig"))), null);
    assertThat(config.getNamespace()).isEqualTo("default");
    try (KubernetesClient fromKubeconfig =
        new KubernetesClientBuilder().withConfig(config).build()) {
      List<String> added = new CopyOnWriteArrayList<>();
      SharedIndexInformer<Secret> informer =
          fromKubeconfig
              .secrets()
              .inNamespace("default")
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Secret secret) {
                      added.add(secret.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(Secret before, Secret after) {}

                    @Override
                    public void onDelete(Secret secret, boolean unknownFinalState) {}
                  });
      try {
        fromKubeconfig
            .secrets()
            .inNamespace("default")
            .resource(unowned("seen-by-kubeconfig-client"))
            .create();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(added).contains("seen-by-kubeconfig-client"));
      } finally {
        informer.close();
      }
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Secret unowned(String name) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToData("k", "dg==")
        .build();
  }

  private static SecretBackendStatus statusWithHealthDetail(String lastRotationError) {
    TokenMeta tokenMeta = new TokenMeta();
    tokenMeta.setLastRotationError(lastRotationError);
    SecretBackendStatus status = new SecretBackendStatus();
    status.setTokenMeta(tokenMeta);
    return status;
  }

  private static ResourceEventHandler<GenericKubernetesResource> deletionsInto(
      List<String> deleted) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource resource) {}

      @Override
      public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {}

      @Override
      public void onDelete(GenericKubernetesResource resource, boolean unknownFinalState) {
        deleted.add(resource.getMetadata().getName());
      }
    };
  }
}
