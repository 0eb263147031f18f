package io.mcpctl.operator.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.operator.reconcile.EventSink;
import io.mcpctl.time.Rfc3339;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core v1 events on the SecretBackend, as {@code kubectl describe} shows them. A repeat of the last
 * event with the same type, reason and message raises its count (shown as {@code x3 over 2h})
 * rather than adding a row, so a failing rotation retried all night stays one line.
 */
public final class KubernetesEvents implements EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEvents.class);
  private static final int SERIES_REMEMBERED = 4096;

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;
  private final EventSeries series = new EventSeries(SERIES_REMEMBERED);

  public KubernetesEvents(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  @Override
  public void emit(SecretBackend backend, String type, String reason, String message) {
    String now = Rfc3339.format(clock.instant());
    String namespace = backend.getMetadata().getNamespace();
    EventSeries.Key key =
        new EventSeries.Key(namespace, backend.getMetadata().getUid(), type, reason, message);
    Optional<EventSeries.Recorded> last = series.last(key);
    if (last.isPresent() && countedAgain(key, last.get(), now)) {
      return;
    }
    Event event =
        OperatorEvent.about(
            new ObjectReferenceBuilder()
                .withApiVersion(backend.getApiVersion())
                .withKind(backend.getKind())
                .withNamespace(namespace)
                .withName(backend.getMetadata().getName())
                .withUid(backend.getMetadata().getUid())
                .withResourceVersion(backend.getMetadata().getResourceVersion())
                .build(),
            type,
            reason,
            message,
            now,
            instance);
    String name = event.getMetadata().getName();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
      series.remember(key, new EventSeries.Recorded(name, 1));
    } catch (KubernetesClientException failure) {
      // An event is a courtesy; the status already records what happened.
      LOG.warn(
          "Could not record event {} on {}/{}: HTTP {}",
          reason,
          namespace,
          backend.getMetadata().getName(),
          failure.getCode());
    }
  }

  /**
   * Raises the count of the event already recorded; false when it is gone (events expire after an
   * hour by default) or cannot be changed, so a new one is written.
   */
  private boolean countedAgain(EventSeries.Key key, EventSeries.Recorded last, String now) {
    int count = last.count() + 1;
    try {
      // A merge patch of just these fields, sent as an item: fabric8 reads the object first when
      // given the patch as text.
      Event raised =
          new EventBuilder()
              .withNewMetadata()
              .withName(last.name())
              .withNamespace(key.namespace())
              .endMetadata()
              .withCount(count)
              .withLastTimestamp(now)
              .build();
      client
          .v1()
          .events()
          .inNamespace(key.namespace())
          .resource(raised)
          .patch(PatchContext.of(PatchType.JSON_MERGE));
      series.remember(key, new EventSeries.Recorded(last.name(), count));
      return true;
    } catch (KubernetesClientException failure) {
      series.forget(key);
      return false;
    }
  }
}
