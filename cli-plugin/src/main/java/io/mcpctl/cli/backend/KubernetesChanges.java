package io.mcpctl.cli.backend;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.ErrorReporter;
import io.mcpctl.cli.common.KubernetesErrors;
import io.mcpctl.text.Sentences;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Kubernetes writes of one create run. Each write that changes something records how to undo
 * it, so that a failure later in the run can put every object back as it was: no half-made backend
 * is left behind.
 */
public final class KubernetesChanges {

  /** What a write did. */
  public enum Change {
    CREATED,
    UPDATED,
    /** Deleted and created again: the only way to change a Secret's type. */
    REPLACED,
    UNCHANGED;

    public String word() {
      return name().toLowerCase();
    }
  }

  private record Undo(String what, Runnable action) {}

  private final KubernetesClient client;
  private final String namespace;
  private final Deque<Undo> undoStack = new ArrayDeque<>();

  public KubernetesChanges(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * Creates the Secret, or gives an existing one the desired type and data and adds the desired
   * labels and annotations (others stay) when anything differs. Kubernetes never changes a Secret's
   * type, so a Secret of another type is deleted and created again. Either way the undo puts the
   * Secret back exactly as it was.
   */
  public Change applySecret(Secret desired) {
    return applySecret(desired, secrets().withName(desired.getMetadata().getName()).get());
  }

  /**
   * As {@link #applySecret(Secret)}, for a Secret this run read before as {@code readBefore}
   * (empty: there was none): refused, with nothing written, when it changed since, so that a token
   * written into it meanwhile (the operator rotating it) is not overwritten and left alive.
   *
   * @throws CliException when the Secret is not as it was read
   */
  public Change applySecretUnchangedSince(Secret desired, Optional<Secret> readBefore) {
    String name = desired.getMetadata().getName();
    Secret existing = secrets().withName(name).get();
    if (!versionOf(existing).equals(readBefore.flatMap(KubernetesChanges::versionOf))) {
      throw changedMeanwhile(name);
    }
    return applySecret(desired, existing);
  }

  private static Optional<String> versionOf(Secret secret) {
    return Optional.ofNullable(secret).map(KubernetesChanges::version);
  }

  private static CliException changedMeanwhile(String name) {
    return new CliException(
        "Secret "
            + name
            + " changed while this run went on (the operator may have rotated the token in it),"
            + " so it was left as it is; run the command again.");
  }

  /**
   * Every write and undo below names the version it expects: a Secret written meanwhile (the
   * operator rotating the token in it) is neither deleted nor overwritten with older data, which
   * would leave the token written into it alive and held by nobody.
   */
  private Change applySecret(Secret desired, Secret existing) {
    String name = desired.getMetadata().getName();
    if (existing == null) {
      String created = version(secrets().resource(desired).create());
      undoStack.push(new Undo("delete Secret " + name, () -> deleteSecretAt(name, created)));
      return Change.CREATED;
    }
    boolean sameType = Objects.equals(typeOf(existing), typeOf(desired));
    if (sameType
        && sameData(existing, desired)
        && hasEntries(existing.getMetadata().getLabels(), desired.getMetadata().getLabels())
        && hasEntries(
            existing.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())) {
      return Change.UNCHANGED;
    }
    Secret changed =
        new SecretBuilder(existing)
            .withType(typeOf(desired))
            .withData(desired.getData())
            .withStringData(null)
            .editMetadata()
            .addToLabels(desired.getMetadata().getLabels())
            .addToAnnotations(desired.getMetadata().getAnnotations())
            .endMetadata()
            .build();
    if (!sameType) {
      try {
        deleteSecretAt(name, version(existing));
      } catch (KubernetesClientException conflict) {
        if (conflict.getCode() == 409) {
          throw changedMeanwhile(name);
        }
        throw conflict;
      }
      AtomicReference<String> replacement = new AtomicReference<>();
      // Pushed before the create, so a refused create still gets the old Secret back.
      undoStack.push(
          new Undo(
              "restore Secret " + name + " of type " + typeOf(existing),
              () -> {
                if (replacement.get() != null) {
                  deleteSecretAt(name, replacement.get());
                }
                createAsNew(existing);
              }));
      replacement.set(version(createAsNew(changed)));
      return Change.REPLACED;
    }
    String updated = version(secrets().resource(changed).update());
    undoStack.push(
        new Undo(
            "restore Secret " + name,
            () ->
                secrets()
                    .resource(
                        new SecretBuilder(changed)
                            .withData(existing.getData())
                            .editMetadata()
                            .withResourceVersion(updated)
                            .withLabels(existing.getMetadata().getLabels())
                            .withAnnotations(existing.getMetadata().getAnnotations())
                            .endMetadata()
                            .build())
                    .update()));
    return Change.UPDATED;
  }

  /** Creates the backend, or replaces its spec when it differs. */
  public Change applyBackend(SecretBackend desired) {
    String name = desired.getMetadata().getName();
    SecretBackend existing = backends().withName(name).get();
    if (existing == null) {
      backends().resource(desired).create();
      undoStack.push(
          new Undo("delete SecretBackend " + name, () -> backends().withName(name).delete()));
      return Change.CREATED;
    }
    if (Objects.equals(existing.getSpec(), desired.getSpec())) {
      return Change.UNCHANGED;
    }
    SecretBackendSpec previousSpec = existing.getSpec();
    existing.setSpec(desired.getSpec());
    backends().resource(existing).update();
    undoStack.push(
        new Undo(
            "restore SecretBackend " + name,
            () ->
                backends()
                    .withName(name)
                    .edit(
                        current -> {
                          current.setSpec(previousSpec);
                          return current;
                        })));
    return Change.UPDATED;
  }

  /** Sets {@code spec.default} on another backend (promotion demotes the previous default). */
  public void setDefault(String backendName, boolean isDefault) {
    patchDefault(backendName, isDefault);
    undoStack.push(
        new Undo(
            (isDefault ? "demote SecretBackend " : "restore default on SecretBackend ")
                + backendName,
            () -> patchDefault(backendName, !isDefault)));
  }

  /**
   * Undoes every change, newest first.
   *
   * @return a sentence per change that could not be undone (the user must fix those by hand)
   */
  public List<String> rollBack() {
    List<String> leftovers = new ArrayList<>();
    while (!undoStack.isEmpty()) {
      Undo undo = undoStack.pop();
      try {
        undo.action().run();
      } catch (KubernetesClientException e) {
        leftovers.add(
            "Could not "
                + undo.what()
                + ": "
                + (e.getCode() == 409
                    ? "it changed after this run wrote it (the operator may have rotated the token"
                        + " in it), so it was left as it is."
                    : KubernetesErrors.sentence(e)));
      }
    }
    return leftovers;
  }

  /**
   * Undoes every change after {@code failure}; returns the exception to throw: the failure itself,
   * or one that also names what could not be undone.
   */
  public RuntimeException rolledBack(RuntimeException failure) {
    List<String> leftovers = rollBack();
    if (leftovers.isEmpty()) {
      return failure;
    }
    return new CliException(
        Sentences.withoutFinalPeriod(ErrorReporter.sentence(failure))
            + "; cleaning up also failed, fix by hand: "
            + String.join(" ", leftovers),
        failure);
  }

  /** Whether this run changed anything so far. */
  public boolean changedAnything() {
    return !undoStack.isEmpty();
  }

  private void patchDefault(String backendName, boolean isDefault) {
    Map<String, Object> patch = Map.of("spec", Map.of("default", isDefault));
    backends()
        .withName(backendName)
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  /** Deletes the Secret only if it is still at {@code version}; 409 otherwise. */
  private void deleteSecretAt(String name, String version) {
    secrets().withName(name).lockResourceVersion(version).delete();
  }

  private static String version(Secret secret) {
    return secret.getMetadata().getResourceVersion();
  }

  /**
   * Creates {@code wanted} without the fields the API server owns (it was read, or built from one
   * read).
   */
  private Secret createAsNew(Secret wanted) {
    return secrets()
        .resource(
            new SecretBuilder(wanted)
                .editMetadata()
                .withUid(null)
                .withResourceVersion(null)
                .withCreationTimestamp(null)
                .withDeletionTimestamp(null)
                .withDeletionGracePeriodSeconds(null)
                .withGeneration(null)
                .withManagedFields()
                .withSelfLink(null)
                .endMetadata()
                .build())
        .create();
  }

  private NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets() {
    return client.secrets().inNamespace(namespace);
  }

  private NonNamespaceOperation<
          SecretBackend, KubernetesResourceList<SecretBackend>, Resource<SecretBackend>>
      backends() {
    return client.resources(SecretBackend.class).inNamespace(namespace);
  }

  private static boolean sameData(Secret existing, Secret desired) {
    return Objects.equals(nullToEmpty(existing.getData()), nullToEmpty(desired.getData()));
  }

  /** Whether {@code existing} holds every entry of {@code desired} (labels, annotations). */
  private static boolean hasEntries(Map<String, String> existing, Map<String, String> desired) {
    Map<String, String> present = nullToEmpty(existing);
    return nullToEmpty(desired).entrySet().stream()
        .allMatch(entry -> entry.getValue().equals(present.get(entry.getKey())));
  }

  /** A Secret's type as the API server stores it: none given means Opaque. */
  private static String typeOf(Secret secret) {
    return secret.getType() == null || secret.getType().isEmpty() ? "Opaque" : secret.getType();
  }

  private static Map<String, String> nullToEmpty(Map<String, String> map) {
    return map == null ? new HashMap<>() : map;
  }
}
