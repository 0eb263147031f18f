package io.mcpctl.operator.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.operator.reconcile.EventSink;
import io.mcpctl.time.Rfc3339;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Core v1 events on the SecretBackend, as {@code kubectl describe} shows them. */
public final class KubernetesEvents implements EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEvents.class);
  private static final String COMPONENT = "mcpctl-operator";

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;

  public KubernetesEvents(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  @Override
  public void emit(SecretBackend backend, String type, String reason, String message) {
    String now = Rfc3339.format(clock.instant());
    String namespace = backend.getMetadata().getNamespace();
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withNamespace(namespace)
                  .withName(
                      backend.getMetadata().getName()
                          + "."
                          + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(backend.getApiVersion())
                          .withKind(backend.getKind())
                          .withNamespace(namespace)
                          .withName(backend.getMetadata().getName())
                          .withUid(backend.getMetadata().getUid())
                          .withResourceVersion(backend.getMetadata().getResourceVersion())
                          .build())
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withCount(1)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .withReportingInstance(instance)
                  .build())
          .create();
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
}
