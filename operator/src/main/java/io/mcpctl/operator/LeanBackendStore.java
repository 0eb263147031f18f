package io.mcpctl.operator;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.operator.reconcile.BackendDeletion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SecretBackends the informer keeps, each with only what the operator reads. Whoever may create
 * a SecretBackend in one namespace decides its labels, annotations (256 KiB), owner references and
 * managed fields, up to the API's 1.5 MB per object, while the informer keeps every backend of
 * every namespace for as long as the operator runs: kept whole, a few hundred such backends would
 * fill the heap, and the operator would die at every start, for all namespaces alike.
 *
 * <p>The copy is trimmed in place, so the informer's update events compare trimmed copies too; the
 * store keeps a digest of what it dropped, beside the copy, and tells {@link
 * StatusOnlyUpdateFilter} when an update changed it, so an edit of any label or annotation still
 * reaches the reconciler, as it did (the usual way to make a controller look again). The copy
 * itself gains nothing: JOSDK's finalizer patches are diffs against it, and a field the server does
 * not have would make them fail. Trimming only removes, so such a diff adds back at most what the
 * server already holds. The status is written with a PUT to the status subresource, which takes the
 * status alone; finalizers stay whole, since JOSDK removes its own by its index, and a backend
 * carrying more of them than any controller adds is not kept at all.
 *
 * <p>One store serves one informer: fabric8 ends each list by dropping from its store whatever the
 * list did not hold, so informers of several namespaces sharing a store would drop each other's
 * backends.
 */
public final class LeanBackendStore extends TransformingItemStore<SecretBackend> {

  /** The annotations the operator acts on; the others are never read. */
  static final Set<String> READ_ANNOTATIONS =
      Set.of(
          SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION,
          SecretBackend.REVOKE_PREVIOUS_REQUESTED_AT_ANNOTATION,
          BackendDeletion.SKIP_REVOKE_ANNOTATION);

  /**
   * The longest value of those kept: a request is a time, the skip a word. A longer one is no
   * request the plugin writes, and is dropped like any other annotation.
   */
  static final int MAX_ANNOTATION_CHARS = 1024;

  /**
   * The most finalizers a kept backend may carry, and their most characters together. They stay
   * whole (JOSDK removes its own by its index), so a backend carrying more is not kept at all, as a
   * backend of hundreds of finalizers would fill the heap as surely as one of large annotations.
   * Kubernetes' own controllers and GitOps tools add one or two.
   */
  static final int MAX_FINALIZERS = 16;

  static final int MAX_FINALIZER_CHARS = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(LeanBackendStore.class);

  /** The backends not kept for their finalizers, each logged once until it is kept again. */
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  /** Per backend, the SHA-256 of the labels, annotations and owner references dropped. */
  private final Map<String, String> droppedDigests = new ConcurrentHashMap<>();

  /** Per backend, the resourceVersion whose update changed what was dropped. */
  private final Map<String, String> droppedChangedIn = new ConcurrentHashMap<>();

  private final Consumer<SecretBackend> onRemoved;

  /**
   * @param onRemoved told of each backend the informer drops: deleted, whether or not the
   *     operator's finalizer was still on it (whoever may patch a backend may remove it), so that
   *     nothing kept for the backend outlives it
   */
  public LeanBackendStore(Consumer<SecretBackend> onRemoved) {
    super(LeanBackendStore::trim);
    this.onRemoved = onRemoved;
  }

  @Override
  public SecretBackend put(String key, SecretBackend backend) {
    List<String> finalizers = orEmpty(backend.getMetadata().getFinalizers());
    int finalizerChars = finalizers.stream().mapToInt(String::length).sum();
    if (finalizers.size() > MAX_FINALIZERS || finalizerChars > MAX_FINALIZER_CHARS) {
      dropKept(key);
      if (refused.add(key)) {
        LOG.warn(
            "SecretBackend {} carries {} finalizers ({} characters), more than the {} ({}"
                + " characters) the operator keeps; it is not reconciled until it carries fewer.",
            key,
            finalizers.size(),
            finalizerChars,
            MAX_FINALIZERS,
            MAX_FINALIZER_CHARS);
      }
      return null;
    }
    refused.remove(key);
    String digest = droppedDigest(backend.getMetadata());
    String before = droppedDigests.put(key, digest);
    if (before != null && !before.equals(digest)) {
      droppedChangedIn.put(key, String.valueOf(backend.getMetadata().getResourceVersion()));
    } else {
      droppedChangedIn.remove(key);
    }
    return super.put(key, backend);
  }

  @Override
  public SecretBackend remove(String key) {
    refused.remove(key);
    return dropKept(key);
  }

  /** Drops what is kept for the backend, telling {@code onRemoved} if there was any. */
  private SecretBackend dropKept(String key) {
    droppedDigests.remove(key);
    droppedChangedIn.remove(key);
    SecretBackend removed = super.remove(key);
    if (removed != null) {
      onRemoved.accept(removed);
    }
    return removed;
  }

  /** Whether this version's update changed a label, annotation or owner reference it dropped. */
  boolean droppedMetadataChanged(SecretBackend updated) {
    return String.valueOf(updated.getMetadata().getResourceVersion())
        .equals(droppedChangedIn.get(getKey(updated)));
  }

  static SecretBackend trim(SecretBackend backend) {
    ObjectMeta metadata = backend.getMetadata();
    Map<String, String> read = new TreeMap<>();
    orEmpty(metadata.getAnnotations())
        .forEach(
            (key, value) -> {
              if (isRead(key, value)) {
                read.put(key, value);
              }
            });
    metadata.setAnnotations(read.isEmpty() ? null : read);
    metadata.setLabels(null);
    metadata.setOwnerReferences(null);
    metadata.setManagedFields(null);
    return backend;
  }

  private static boolean isRead(String annotation, String value) {
    return READ_ANNOTATIONS.contains(annotation)
        && value != null
        && value.length() <= MAX_ANNOTATION_CHARS;
  }

  /** The SHA-256 of what {@link #trim} drops (managed fields aside, which change at each write). */
  private static String droppedDigest(ObjectMeta metadata) {
    MessageDigest dropped = sha256();
    new TreeMap<>(orEmpty(metadata.getAnnotations()))
        .forEach(
            (key, value) -> {
              if (!isRead(key, value)) {
                digest(dropped, "annotation", key, value);
              }
            });
    new TreeMap<>(orEmpty(metadata.getLabels()))
        .forEach((key, value) -> digest(dropped, "label", key, value));
    if (metadata.getOwnerReferences() != null) {
      for (OwnerReference owner : metadata.getOwnerReferences()) {
        digest(dropped, "owner", owner.getUid(), owner.getKind() + "/" + owner.getName());
      }
    }
    return HexFormat.of().formatHex(dropped.digest());
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  private static void digest(MessageDigest digest, String what, String key, String value) {
    for (String part : new String[] {what, key, value}) {
      digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("Every Java runtime has SHA-256.", missing);
    }
  }
}
