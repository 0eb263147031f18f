package io.mcpctl.sandbox.kube.schema;

/**
 * One rejected field of a custom resource, worded like the Kubernetes API server's field errors so
 * that a 422 answer reads the same as a real cluster's.
 *
 * @param field the path of the field, e.g. {@code spec.openbao.address} or {@code
 *     spec.items[0].name}
 * @param message what is wrong, e.g. {@code Required value} or {@code Unsupported value: "x":
 *     supported values: "a", "b"}
 */
public record FieldError(String field, String message) {

  static FieldError required(String field) {
    return new FieldError(field, "Required value");
  }

  static FieldError unknown(String field) {
    return new FieldError(field, "Unknown field");
  }

  static FieldError unsupported(String field, String shownValue, String supportedValues) {
    return new FieldError(
        field, "Unsupported value: " + shownValue + ": supported values: " + supportedValues);
  }

  static FieldError invalid(String field, String shownValue, String detail) {
    return new FieldError(field, "Invalid value: " + shownValue + ": " + detail);
  }

  /**
   * The API server's cause reason for this error ({@code FieldValueRequired}, {@code
   * FieldValueNotSupported}, {@code FieldValueForbidden}, {@code FieldValueInvalid}), for a Status'
   * details.causes.
   */
  public String reason() {
    if (message.startsWith("Required value")) {
      return "FieldValueRequired";
    }
    if (message.startsWith("Unsupported value")) {
      return "FieldValueNotSupported";
    }
    if (message.startsWith("Forbidden")) {
      return "FieldValueForbidden";
    }
    return "FieldValueInvalid";
  }

  /** The line the API server prints, e.g. {@code spec.foo: Unknown field}. */
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
