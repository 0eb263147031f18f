package io.mcpctl.sandbox.kube;

import io.mcpctl.sandbox.kube.schema.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/** The name rules the API server enforces on create: RFC 1123 subdomains, labels for some kinds. */
final class ObjectNames {

  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);
  private static final Pattern SUBDOMAIN_PATTERN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
  private static final List<String> LABEL_NAMED = List.of("namespaces", "services");

  private ObjectNames() {}

  static void check(ResourceType type, String name) {
    boolean label = !type.custom() && LABEL_NAMED.contains(type.plural());
    int maxLength = label ? 63 : 253;
    Pattern pattern = label ? LABEL_PATTERN : SUBDOMAIN_PATTERN;
    if (name.length() <= maxLength && pattern.matcher(name).matches()) {
      return;
    }
    String rule =
        label
            ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                + " '-', and must start and end with an alphanumeric character (e.g. 'my-name',"
                + " or '123-abc'), at most 63 characters"
            : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                + " '-' or '.', and must start and end with an alphanumeric character (e.g."
                + " 'example.com'), at most 253 characters";
    throw ApiError.invalid(
        type,
        name,
        List.of(new FieldError("metadata.name", "Invalid value: \"" + name + "\": " + rule)));
  }
}
