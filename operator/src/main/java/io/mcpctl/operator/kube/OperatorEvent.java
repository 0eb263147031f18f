package io.mcpctl.operator.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.util.UUID;

/** A core/v1 Event as the operator records one, about any object of a namespace. */
final class OperatorEvent {

  static final String COMPONENT = "mcpctl-operator";

  private OperatorEvent() {}

  /**
   * A new event with a count of one, named after its object as client-go names them.
   *
   * @param instance the reporting replica, or null when no single replica matters
   */
  static Event about(
      ObjectReference object,
      String type,
      String reason,
      String message,
      String now,
      String instance) {
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace(object.getNamespace())
        .withName(
            object.getName() + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
        .endMetadata()
        .withInvolvedObject(object)
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
        .build();
  }
}
