package io.mcpctl.cli.backend;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

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

  /**
   * One way back, and the sentence that says why it was not taken when the object changed after
   * this run wrote it.
   */
  private record Undo(String what, Runnable action, String whenChanged, Optional<String> secret) {

    static Undo ofSecret(String what, String secretName, Runnable action) {
      return new Undo(what, action, SECRET_CHANGED, Optional.of(secretName));
    }

    static Undo ofBackend(String what, Runnable action) {
      return new Undo(what, action, BACKEND_EDITED, Optional.empty());
    }
  }

  private static final String SECRET_CHANGED =
      "it changed after this run wrote it (the operator may have rotated the token in it), so it"
          + " was left as it is.";
  private static final String BACKEND_EDITED =
      "it was edited after this run wrote it, so it was left as it is.";

  /** An undo found the object changed after this run wrote it, and did nothing. */
  private static final class ChangedMeanwhile extends RuntimeException {
    ChangedMeanwhile() {
      super(null, null, false, false);
    }
  }

  /** How often an undo of a backend reads it again when its version moved but its spec did not. */
  private static final int BACKEND_UNDO_ATTEMPTS = 3;

  private final KubernetesClient client;
  private final String namespace;
  private final Deque<Undo> undoStack = new ArrayDeque<>();
  private final Set<String> secretsNotRestored = new HashSet<>();

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
      undoStack.push(
          Undo.ofSecret("delete Secret " + name, name, () -> deleteSecretAt(name, created)));
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
    Optional.ofNullable(changed.getMetadata().getAnnotations())
        .ifPresent(
            annotations ->
                annotations
                    .keySet()
                    .removeAll(
                        TokenSecretKeys.annotationsOfPreviousTokensNotIn(
                            Optional.ofNullable(desired.getData()).orElse(Map.of()).keySet())));
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
          Undo.ofSecret(
              "restore Secret " + name + " of type " + typeOf(existing),
              name,
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
        Undo.ofSecret(
            "restore Secret " + name,
            name,
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

  /**
   * Creates the backend, or replaces its spec when it differs. The undo leaves a backend whose spec
   * was edited after this run wrote it as it is.
   */
  public Change applyBackend(SecretBackend desired) {
    String name = desired.getMetadata().getName();
    SecretBackend existing = backends().withName(name).get();
    if (existing == null) {
      SecretBackend created = backends().resource(desired).create();
      undoStack.push(
          Undo.ofBackend(
              "delete SecretBackend " + name,
              () ->
                  onBackendAsWritten(
                      created,
                      current ->
                          backends()
                              .withName(name)
                              .lockResourceVersion(version(current))
                              .delete())));
      return Change.CREATED;
    }
    if (Objects.equals(existing.getSpec(), desired.getSpec())) {
      return Change.UNCHANGED;
    }
    SecretBackendSpec previousSpec = existing.getSpec();
    existing.setSpec(desired.getSpec());
    SecretBackend updated = backends().resource(existing).update();
    undoStack.push(
        Undo.ofBackend(
            "restore SecretBackend " + name,
            () ->
                onBackendAsWritten(
                    updated,
                    current -> {
                      current.setSpec(previousSpec);
                      backends().resource(current).update();
                    })));
    return Change.UPDATED;
  }

  /** Sets {@code spec.default} on another backend (promotion demotes the previous default). */
  public void setDefault(String backendName, boolean isDefault) {
    SecretBackend patched = patchDefault(backendName, isDefault);
    undoStack.push(
        Undo.ofBackend(
            (isDefault ? "demote SecretBackend " : "restore default on SecretBackend ")
                + backendName,
            () ->
                onBackendAsWritten(
                    patched,
                    current -> {
                      current.getSpec().setDefault(!isDefault);
                      backends().resource(current).update();
                    })));
  }

  /**
   * Runs {@code undo} on the backend as this run left it: the same object (uid) with the same spec
   * (generation). The operator's own writes (status, finalizer) move its version but neither of
   * those, so a conflict reads it again; a backend edited or replaced since is left alone, and one
   * deleted since needs no undo.
   *
   * @throws ChangedMeanwhile when its spec was edited, or it was replaced, after this run wrote it
   */
  private void onBackendAsWritten(SecretBackend written, Consumer<SecretBackend> undo) {
    String name = written.getMetadata().getName();
    for (int attempt = 1; ; attempt++) {
      SecretBackend current = backends().withName(name).get();
      if (current == null) {
        return;
      }
      if (!Objects.equals(current.getMetadata().getUid(), written.getMetadata().getUid())
          || !Objects.equals(
              current.getMetadata().getGeneration(), written.getMetadata().getGeneration())) {
        throw new ChangedMeanwhile();
      }
      try {
        undo.accept(current);
        return;
      } catch (KubernetesClientException conflict) {
        if (conflict.getCode() != 409 || attempt == BACKEND_UNDO_ATTEMPTS) {
          throw conflict;
        }
      }
    }
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
      } catch (ChangedMeanwhile e) {
        leftovers.add("Could not " + undo.what() + ": " + undo.whenChanged());
        undo.secret().ifPresent(secretsNotRestored::add);
      } catch (KubernetesClientException e) {
        leftovers.add(
            "Could not "
                + undo.what()
                + ": "
                + (e.getCode() == 409 ? undo.whenChanged() : KubernetesErrors.sentence(e)));
        undo.secret().ifPresent(secretsNotRestored::add);
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

  /**
   * Whether a rollback left the Secret as it found it rather than as it was before this run: it
   * changed after this run wrote it (the operator rotating the token in it), or could not be
   * written. What this run wrote into it may then still be what it holds.
   */
  public boolean notRestored(String secretName) {
    return secretsNotRestored.contains(secretName);
  }

  /** Whether this run changed anything so far. */
  public boolean changedAnything() {
    return !undoStack.isEmpty();
  }

  private SecretBackend patchDefault(String backendName, boolean isDefault) {
    Map<String, Object> patch = Map.of("spec", Map.of("default", isDefault));
    return backends()
        .withName(backendName)
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  /** Deletes the Secret only if it is still at {@code version}; 409 otherwise. */
  private void deleteSecretAt(String name, String version) {
    secrets().withName(name).lockResourceVersion(version).delete();
  }

  private static String version(HasMetadata object) {
    return object.getMetadata().getResourceVersion();
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
