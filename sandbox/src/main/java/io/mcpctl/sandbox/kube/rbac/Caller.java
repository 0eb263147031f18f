package io.mcpctl.sandbox.kube.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who sent a request, as an authenticator established it: a user name and the groups it belongs to.
 */
public record Caller(String name, List<String> groups) {

  /** The group whose members a real API server lets do anything, before RBAC is asked. */
  public static final String MASTERS = "system:masters";

  public static final String AUTHENTICATED = "system:authenticated";

  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  public Caller {
    Objects.requireNonNull(name, "name");
    groups = List.copyOf(groups);
  }

  /** The administrator kubectl, the tests and the demo act as. */
  public static Caller admin() {
    return new Caller("mcpctl-admin", List.of(MASTERS, AUTHENTICATED));
  }

  /** A ServiceAccount with the groups Kubernetes gives every ServiceAccount. */
  public static Caller serviceAccount(String namespace, String name) {
    return new Caller(
        SERVICE_ACCOUNT_PREFIX + namespace + ":" + name,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, AUTHENTICATED));
  }

  /** A user named by {@code Impersonate-User}, with the groups the headers give (or a SA's). */
  public static Caller impersonated(String name, List<String> groups) {
    if (groups.isEmpty() && name.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      String[] parts = name.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
      if (parts.length == 2) {
        return serviceAccount(parts[0], parts[1]);
      }
    }
    List<String> withAuthenticated = new ArrayList<>(groups);
    if (!withAuthenticated.contains(AUTHENTICATED)) {
      withAuthenticated.add(AUTHENTICATED);
    }
    return new Caller(name, withAuthenticated);
  }

  public boolean isMaster() {
    return groups.contains(MASTERS);
  }
}
