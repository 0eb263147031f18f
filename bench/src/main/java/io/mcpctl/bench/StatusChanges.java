package io.mcpctl.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches a namespace's SecretBackends and tells the status changes that no rotation explains (its
 * {@code lastRotationAt} unchanged) by the fields they changed: what a write per backend per day
 * above the rotation's own is spent on. Field names only; status holds no secret anyway.
 */
final class StatusChanges implements Watcher<SecretBackend>, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, SecretBackendStatus> lastSeen = new ConcurrentHashMap<>();
  private final Map<String, Integer> changedFields = new TreeMap<>();
  private final Watch watch;
  private int withoutRotation;
  private volatile boolean counting;

  private StatusChanges(KubernetesClient client, String namespace) {
    client
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(backend -> remember(backend));
    watch = client.resources(SecretBackend.class).inNamespace(namespace).watch(this);
  }

  /** Starts watching now; changes are counted from {@link #startCounting} on. */
  static StatusChanges watch(KubernetesClient client, String namespace) {
    return new StatusChanges(client, namespace);
  }

  void startCounting() {
    counting = true;
  }

  @Override
  public void eventReceived(Action action, SecretBackend backend) {
    if (action != Action.MODIFIED || backend.getStatus() == null) {
      return;
    }
    SecretBackendStatus before = lastSeen.get(backend.getMetadata().getName());
    remember(backend);
    if (!counting || before == null || before.equals(backend.getStatus())) {
      return;
    }
    if (!Objects.equals(lastRotationAt(before), lastRotationAt(backend.getStatus()))) {
      return;
    }
    synchronized (changedFields) {
      withoutRotation++;
      for (String field : differences(before, backend.getStatus())) {
        changedFields.merge(field, 1, Integer::sum);
      }
    }
  }

  /** How many status changes left {@code lastRotationAt} as it was. */
  int withoutRotation() {
    synchronized (changedFields) {
      return withoutRotation;
    }
  }

  /** "field × count" for those changes, or "none". */
  String fields() {
    synchronized (changedFields) {
      if (changedFields.isEmpty()) {
        return "none";
      }
      StringBuilder text = new StringBuilder();
      changedFields.forEach(
          (field, count) ->
              text.append(text.length() == 0 ? "" : ", ")
                  .append(count)
                  .append(" × ")
                  .append(field));
      return text.toString();
    }
  }

  private void remember(SecretBackend backend) {
    if (backend.getStatus() != null) {
      lastSeen.put(backend.getMetadata().getName(), backend.getStatus());
    }
  }

  private static String lastRotationAt(SecretBackendStatus status) {
    return status.getTokenMeta() == null ? null : status.getTokenMeta().getLastRotationAt();
  }

  /** The status fields, one level into {@code tokenMeta} and each condition, that differ. */
  @SuppressWarnings("unchecked")
  static Set<String> differences(SecretBackendStatus before, SecretBackendStatus after) {
    Map<String, Object> was = JSON.convertValue(before, Map.class);
    Map<String, Object> is = JSON.convertValue(after, Map.class);
    Set<String> fields = new TreeSet<>();
    Set<String> keys = new TreeSet<>(was.keySet());
    keys.addAll(is.keySet());
    for (String key : keys) {
      Object a = was.get(key);
      Object b = is.get(key);
      if (Objects.equals(a, b)) {
        continue;
      }
      if (a instanceof Map<?, ?> inner && b instanceof Map<?, ?> other) {
        fields.addAll(differingKeys(key, (Map<String, Object>) inner, (Map<String, Object>) other));
      } else if (a instanceof List<?> list
          && b instanceof List<?> other
          && list.size() == other.size()) {
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) instanceof Map<?, ?> item
              && other.get(i) instanceof Map<?, ?> otherItem) {
            fields.addAll(
                differingKeys(
                    key + "[" + item.get("type") + "]",
                    (Map<String, Object>) item,
                    (Map<String, Object>) otherItem));
          }
        }
      } else {
        fields.add(key);
      }
    }
    return fields;
  }

  private static Set<String> differingKeys(
      String prefix, Map<String, Object> was, Map<String, Object> is) {
    Set<String> keys = new TreeSet<>(was.keySet());
    keys.addAll(is.keySet());
    Set<String> fields = new TreeSet<>();
    for (String key : keys) {
      if (!Objects.equals(was.get(key), is.get(key))) {
        fields.add(prefix + "." + key);
      }
    }
    return fields;
  }

  @Override
  public void onClose(WatcherException cause) {
    // The window ends with close(); an earlier end shows as fewer changes counted.
  }

  @Override
  public void close() {
    watch.close();
  }
}
