package io.mcpctl.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.api.v1alpha1.SecretBackend;
import java.net.HttpURLConnection;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * MCP secrets kept as Kubernetes Secrets: one Opaque Secret per MCP secret, named after it and
 * labelled {@code mcpctl.io/backend=<backend>}. A Secret without that exact label is never read,
 * written or deleted: its name is reported as taken. Revisions are {@code resourceVersion}s, so
 * every write and delete is check-and-set on the API server.
 */
public final class KubernetesSecretStore implements SecretStore {

  /** The API's answer to an object its validation refuses. */
  private static final int HTTP_UNPROCESSABLE = 422;

  private final BackendLookups reads;
  private final Supplier<KubernetesClient> client;
  private final String namespace;
  private final String backendName;

  /**
   * @param reads how Secrets are read
   * @param client the client Secrets are written with, asked for at the first write only
   */
  public KubernetesSecretStore(
      BackendLookups reads,
      Supplier<KubernetesClient> client,
      String namespace,
      String backendName) {
    this.reads = reads;
    this.client = client;
    this.namespace = SecretNames.requireNamespace(namespace);
    this.backendName = backendName;
  }

  @Override
  public String backendName() {
    return backendName;
  }

  @Override
  public BackendType type() {
    return BackendType.KUBERNETES;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public String location() {
    return "Secrets labelled " + ownLabel() + " in namespace " + namespace;
  }

  @Override
  public List<String> names() {
    return namesMatching("");
  }

  @Override
  public boolean supportsLabelSelectors() {
    return true;
  }

  /**
   * @throws IllegalArgumentException when the API server refuses the selector's syntax
   */
  @Override
  public List<String> namesMatching(String labelSelector) {
    String selector =
        labelSelector == null || labelSelector.isBlank()
            ? ownLabel()
            : ownLabel() + "," + labelSelector.strip();
    try {
      return reads.secrets(namespace, selector).stream()
          .map(secret -> secret.getMetadata().getName())
          .sorted()
          .toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST) {
        throw new IllegalArgumentException(
            "The Kubernetes API refused the label selector '"
                + labelSelector
                + "' ("
                + detail(e)
                + "); pass one such as app=github or tier in (a,b).",
            e);
      }
      throw failure("list", "Secrets", e);
    }
  }

  @Override
  public Optional<StoredSecret> read(String name) {
    return fetch(name).map(this::stored);
  }

  @Override
  public Revision create(McpSecret secret) {
    Secret created;
    try {
      created = secrets().resource(toSecret(secret.requireNamespace(namespace))).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        // fetch() refuses a Secret that is not this backend's; one that is means "exists".
        fetch(secret.name());
        throw new SecretConflictException(
            "The MCP secret "
                + secret.name()
                + " already exists on backend "
                + backendName
                + " in namespace "
                + namespace
                + "; delete it first or choose another name.");
      }
      throw refusedOrFailure("create", secret.name(), e);
    }
    return revisionOf(created);
  }

  @Override
  public Revision update(McpSecret secret, Revision expected) {
    secret.requireNamespace(namespace);
    Secret current =
        fetch(secret.name()).orElseThrow(() -> changedSince(secret.name(), expected, "vanished"));
    if (!expected.value().equals(current.getMetadata().getResourceVersion())) {
      throw changedSince(secret.name(), expected, "changed");
    }
    // Keep what others put on the Secret (labels, annotations, owners); replace only the data.
    Secret replacement =
        new SecretBuilder(current).withData(encoded(secret)).withStringData(null).build();
    try {
      return revisionOf(secrets().resource(replacement).update());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        throw changedSince(secret.name(), expected, "changed");
      }
      throw refusedOrFailure("update", secret.name(), e);
    }
  }

  @Override
  public boolean delete(String name, Revision expected) {
    Optional<Secret> current = fetch(name);
    if (current.isEmpty()) {
      return false;
    }
    if (!expected.value().equals(current.get().getMetadata().getResourceVersion())) {
      throw changedSince(name, expected, "changed");
    }
    try {
      // The precondition makes the check above and the delete one step on the API server.
      return !secrets().withName(name).lockResourceVersion(expected.value()).delete().isEmpty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw changedSince(name, expected, "changed");
      }
      throw failure("delete", "Secret " + name, e);
    }
  }

  @Override
  public String toString() {
    return "KubernetesSecretStore[" + backendName + ", " + namespace + "]";
  }

  private Optional<Secret> fetch(String name) {
    SecretNames.requireName(name);
    Secret secret;
    try {
      secret = reads.secret(namespace, name).orElse(null);
    } catch (KubernetesClientException e) {
      throw failure("read", "Secret " + name, e);
    }
    if (secret == null) {
      return Optional.empty();
    }
    Map<String, String> labels = secret.getMetadata().getLabels();
    String owner = labels == null ? null : labels.get(SecretBackend.BACKEND_LABEL);
    if (!backendName.equals(owner)) {
      throw new SecretUnusableException(
          "The Secret "
              + name
              + " in namespace "
              + namespace
              + (owner == null
                  ? " is not an MCP secret (it has no label " + SecretBackend.BACKEND_LABEL + ")"
                  : " belongs to backend " + owner + ", not " + backendName)
              + "; choose another name"
              + (owner == null ? " or remove that Secret." : " or pass --backend " + owner + "."),
          null);
    }
    return Optional.of(secret);
  }

  private StoredSecret stored(Secret secret) {
    String name = secret.getMetadata().getName();
    Map<String, byte[]> data = new TreeMap<>();
    try {
      if (secret.getData() != null) {
        secret.getData().forEach((key, value) -> data.put(key, Base64.getDecoder().decode(value)));
      }
      return new StoredSecret(new McpSecret(namespace, name, data), revisionOf(secret));
    } catch (IllegalArgumentException e) {
      throw new SecretUnusableException(
          "The Secret "
              + name
              + " in namespace "
              + namespace
              + " cannot be read as an MCP secret ("
              + e.getMessage()
              + ").",
          e);
    }
  }

  private Secret toSecret(McpSecret secret) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(secret.name())
        .withNamespace(namespace)
        .addToLabels(SecretBackend.BACKEND_LABEL, backendName)
        .endMetadata()
        .withType("Opaque")
        .withData(encoded(secret))
        .build();
  }

  private static Map<String, String> encoded(McpSecret secret) {
    Map<String, String> data = new LinkedHashMap<>();
    secret.data().forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value)));
    return data;
  }

  private static Revision revisionOf(Secret secret) {
    return new Revision(secret.getMetadata().getResourceVersion());
  }

  private NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets() {
    return client.get().secrets().inNamespace(namespace);
  }

  private String ownLabel() {
    return SecretBackend.BACKEND_LABEL + "=" + backendName;
  }

  private SecretConflictException changedSince(String name, Revision expected, String what) {
    return new SecretConflictException(
        "The MCP secret "
            + name
            + " on backend "
            + backendName
            + " "
            + what
            + " since it was read (revision "
            + expected
            + "); read it again and retry.");
  }

  /**
   * A write the API refused for what it holds (too large, invalid) concerns this secret alone; any
   * other failure is the backend's.
   */
  private SecretStoreException refusedOrFailure(
      String verb, String name, KubernetesClientException e) {
    if (e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST
        || e.getCode() == HttpURLConnection.HTTP_ENTITY_TOO_LARGE
        || e.getCode() == HTTP_UNPROCESSABLE) {
      return new SecretUnusableException(
          "The Kubernetes API refused to "
              + verb
              + " Secret "
              + name
              + " in namespace "
              + namespace
              + " ("
              + detail(e)
              + "); this secret cannot be stored there as it is (a Secret holds at most 1 MiB).",
          e);
    }
    return failure(verb, "Secret " + name, e);
  }

  private BackendFailureException failure(String verb, String what, KubernetesClientException e) {
    return new BackendFailureException(
        "The Kubernetes API failed to "
            + verb
            + " "
            + what
            + " in namespace "
            + namespace
            + " ("
            + detail(e)
            + "); check the cluster and your access, then run the command again.",
        e);
  }

  private static String detail(KubernetesClientException e) {
    String message;
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      message = e.getStatus().getMessage();
    } else if (e.getCode() > 0) {
      message = "HTTP " + e.getCode();
    } else {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      message =
          "no answer: "
              + (cause.getMessage() == null
                  ? cause.getClass().getSimpleName()
                  : cause.getMessage().lines().findFirst().orElse(""));
    }
    String trimmed = message.strip();
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
