package io.mcpctl.cli.backend;

import io.mcpctl.api.v1alpha1.SecretBackend;
import java.util.regex.Pattern;

/**
 * The names a backend brings along: its token Secret and its CA Secret. The OpenBao policy and
 * token role the wizard writes for it are named by {@code NarrowAccess}, per namespace.
 */
public record BackendNames(String backend) {

  /** A DNS-1123 label, so every derived name is a valid Secret, policy and role name too. */
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private static final int MAX_LENGTH = 50;

  /** Null when the name is fine, else the sentence that says what to fix. */
  public static String problem(String name) {
    if (name.length() > MAX_LENGTH || !DNS_LABEL.matcher(name).matches()) {
      return "Invalid NAME '"
          + name
          + "': use at most "
          + MAX_LENGTH
          + " lower-case letters, digits and '-', starting and ending with a letter or digit";
    }
    if (name.equals(SecretBackend.BUILT_IN_DEFAULT_BACKEND)) {
      // --backend default means the built-in store; a backend of that name would hide it and
      // every secret in it.
      return "Invalid NAME 'default': it names the built-in kubernetes store; pick another name";
    }
    return null;
  }

  public String tokenSecret() {
    return backend + "-token";
  }

  public String caSecret() {
    return backend + "-ca";
  }
}
