package io.mcpctl.operator.kube;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.operator.rotation.SecretAccessException;
import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.operator.rotation.TokenSecretStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Token Secrets through the Kubernetes API. Updates carry the resource version read, so a Secret
 * changed by someone else is refused with 409 instead of overwritten. Error messages name the
 * Secret and the status, never its data.
 */
public final class KubernetesTokenSecretStore implements TokenSecretStore {

  private final KubernetesClient client;

  /**
   * The Secrets most recently read or written here, by namespace/name: an update of that very
   * version needs no second read. Safe because the PUT carries the version, so a Secret changed
   * meanwhile is still refused with 409. Bounded: an update follows its read within one reconcile,
   * so only the Secrets of the reconciles under way need to be here; keeping every token Secret
   * (10,000 backends: 10,000 Secrets, a third of the heap) bought nothing but memory.
   */
  private final LeastRecentlyUsed<Secret> lastSeen =
      new LeastRecentlyUsed<>(
          REMEMBERED_SECRETS,
          REMEMBERED_SECRETS * REMEMBERED_SECRET_BYTES,
          KubernetesTokenSecretStore::approximateBytes);

  /** Far more than the reconciles that run at once (JOSDK's thread pool and the limiter's). */
  static final int REMEMBERED_SECRETS = 256;

  /**
   * The largest Secret remembered: a token Secret (a token, a staged one, five previous ones, an
   * accessor and their annotations) takes a few KiB. A backend may name any Secret of its namespace
   * up to the API's 1 MiB, and one that is no token Secret is refused after this read; remembering
   * 256 of those would take more heap than the operator has.
   */
  static final long REMEMBERED_SECRET_BYTES = 16 << 10;

  public KubernetesTokenSecretStore(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<TokenSecret> read(String namespace, String name) {
    try {
      Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
      remember(namespace, name, secret);
      return Optional.ofNullable(secret).map(KubernetesTokenSecretStore::fromSecret);
    } catch (KubernetesClientException failure) {
      throw new SecretAccessException(
          "Reading Secret " + namespace + "/" + name + " failed with " + describe(failure) + ".",
          false,
          null);
    }
  }

  @Override
  public TokenSecret update(TokenSecret secret) {
    try {
      // The whole Secret is written back so that fields this store does not model (owner
      // references, finalizers, other keys' metadata) survive; the PUT carries the version the
      // caller read.
      Secret current =
          lastSeen
              .get(key(secret.namespace(), secret.name()))
              .filter(
                  seen ->
                      Objects.equals(
                          seen.getMetadata().getResourceVersion(), secret.resourceVersion()))
              .orElseGet(
                  () ->
                      client
                          .secrets()
                          .inNamespace(secret.namespace())
                          .withName(secret.name())
                          .get());
      if (current == null) {
        throw deletedMeanwhile(secret);
      }
      Secret desired =
          new SecretBuilder(current)
              .editMetadata()
              .withResourceVersion(secret.resourceVersion())
              .withAnnotations(new HashMap<>(secret.annotations()))
              .withLabels(new HashMap<>(secret.labels()))
              .endMetadata()
              .withData(encode(secret.data()))
              .withStringData(null)
              .build();
      Secret written = client.secrets().inNamespace(secret.namespace()).resource(desired).update();
      remember(secret.namespace(), secret.name(), written);
      return fromSecret(written);
    } catch (KubernetesClientException failure) {
      lastSeen.remove(key(secret.namespace(), secret.name()));
      if (failure.getCode() == 404) {
        throw deletedMeanwhile(secret);
      }
      throw new SecretAccessException(
          "Writing Secret "
              + secret.namespace()
              + "/"
              + secret.name()
              + " failed with "
              + describe(failure)
              + ".",
          failure.getCode() == 409,
          null);
    }
  }

  @Override
  public void delete(TokenSecret secret) {
    String namespace = secret.namespace();
    String name = secret.name();
    lastSeen.remove(key(namespace, name));
    try {
      client
          .secrets()
          .inNamespace(namespace)
          .withName(name)
          .lockResourceVersion(secret.resourceVersion())
          .delete();
    } catch (KubernetesClientException failure) {
      throw new SecretAccessException(
          "Deleting Secret " + namespace + "/" + name + " failed with " + describe(failure) + ".",
          failure.getCode() == 409,
          null);
    }
  }

  private void remember(String namespace, String name, Secret secret) {
    lastSeen.remove(key(namespace, name));
    if (secret != null && approximateBytes(secret) <= REMEMBERED_SECRET_BYTES) {
      lastSeen.keep(key(namespace, name), secret);
    }
  }

  /** Whether an update of this Secret's last version read here would need no second read. */
  boolean remembers(String namespace, String name) {
    return lastSeen.get(key(namespace, name)).isPresent();
  }

  /** Its data, annotations and labels, in characters: what makes one Secret larger than another. */
  private static long approximateBytes(Secret secret) {
    return length(secret.getData())
        + length(secret.getStringData())
        + length(secret.getMetadata() == null ? null : secret.getMetadata().getAnnotations())
        + length(secret.getMetadata() == null ? null : secret.getMetadata().getLabels());
  }

  private static long length(Map<String, String> entries) {
    if (entries == null) {
      return 0;
    }
    long length = 0;
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      length +=
          entry.getKey().length() + (entry.getValue() == null ? 0 : entry.getValue().length());
    }
    return length;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static SecretAccessException deletedMeanwhile(TokenSecret secret) {
    return new SecretAccessException(
        "Secret " + secret.namespace() + "/" + secret.name() + " was deleted meanwhile.",
        true,
        null);
  }

  static TokenSecret fromSecret(Secret secret) {
    Map<String, String> data = new HashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (key, value) ->
                  data.put(
                      key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      data.putAll(secret.getStringData());
    }
    ObjectMeta metadata = secret.getMetadata();
    return new TokenSecret(
        metadata.getNamespace(),
        metadata.getName(),
        secret.getType(),
        metadata.getResourceVersion(),
        data,
        metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations(),
        metadata.getLabels() == null ? Map.of() : metadata.getLabels());
  }

  private static Map<String, String> encode(Map<String, String> data) {
    Map<String, String> encoded = new HashMap<>();
    data.forEach(
        (key, value) ->
            encoded.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return encoded;
  }

  /** The status and reason only: fabric8's message may quote the request body. */
  private static String describe(KubernetesClientException failure) {
    String reason =
        failure.getStatus() != null && failure.getStatus().getReason() != null
            ? " " + failure.getStatus().getReason()
            : "";
    return failure.getCode() == 0
        ? "no answer from the API server"
        : "HTTP " + failure.getCode() + reason;
  }
}
