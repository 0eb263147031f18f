package io.mcpctl.secrets;

import java.util.regex.Pattern;

/**
 * The names and keys every backend accepts: a secret is named like a Kubernetes Secret (a DNS-1123
 * subdomain) and its keys are Kubernetes Secret keys, so a secret written to OpenBao can always
 * move back to a Secret. Failures are {@link IllegalArgumentException}s with one sentence that
 * names the problem and the fix; they never contain a value.
 */
public final class SecretNames {

  private static final int MAX_LENGTH = 253;
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private SecretNames() {}

  /** Checks a secret name such as {@code github-token}; returns it unchanged. */
  public static String requireName(String name) {
    if (name == null || name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
      // Not repeated: a value typed where the name goes would end up in a terminal's or a CI
      // job's log.
      throw new IllegalArgumentException(
          "The secret name given is not valid (not shown in case it is a secret); use lower-case"
              + " letters, digits, '-' and '.', starting and ending with a letter or digit (at most"
              + " 253 characters).");
    }
    return name;
  }

  /** Checks a key such as {@code token} or {@code config.json}; returns it unchanged. */
  public static String requireKey(String key) {
    if (key == null
        || key.length() > MAX_LENGTH
        || !KEY.matcher(key).matches()
        || key.equals(".")
        || key.startsWith("..")) {
      throw new IllegalArgumentException(
          "The key '"
              + printable(key)
              + "' is not valid; use letters, digits, '-', '_' and '.' (not '.' or a leading"
              + " '..'), at most 253 characters.");
    }
    return key;
  }

  /** Checks a Kubernetes namespace name; returns it unchanged. */
  public static String requireNamespace(String namespace) {
    if (namespace == null || namespace.length() > 63 || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "The namespace '"
              + printable(namespace)
              + "' is not valid; pass a Kubernetes namespace name such as team-a.");
    }
    return namespace;
  }

  /** True when {@code name} is a valid secret name. */
  public static boolean isValidName(String name) {
    return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
  }

  private static String printable(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
  }
}
