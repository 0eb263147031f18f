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
            namePrefix(object.getName())
                + "."
                + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
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

  /** An event's name is a DNS subdomain too: 253 characters with its 13-character suffix. */
  static final int MAX_PREFIX = 253 - 13;

  /**
   * The object's name, cut to leave room for the suffix: an object may have a name of 253
   * characters, and the API refuses any longer event. A cut part ends on a letter or digit, as each
   * part of a DNS subdomain must.
   */
  static String namePrefix(String objectName) {
    if (objectName.length() <= MAX_PREFIX) {
      return objectName;
    }
    String cut = objectName.substring(0, MAX_PREFIX);
    int end = cut.length();
    while (end > 0 && !Character.isLetterOrDigit(cut.charAt(end - 1))) {
      end--;
    }
    return cut.substring(0, end);
  }
}
