package io.mcpctl.openbao.policy;

import io.mcpctl.api.v1alpha1.CommandHints;
import io.mcpctl.openbao.OpenBaoPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a backend's token may still do what the narrow policy grants for its own lifecycle: look
 * itself up, renew itself, revoke itself, and (for a rotated token) mint its successor through the
 * token role. Asked of {@code sys/capabilities-self} with the token itself, so nothing is written;
 * the KV side is {@link KvAccessCheck}'s.
 */
public final class TokenLifecycleCheck {

  private final Map<String, String> neededByPath = new LinkedHashMap<>();
  private final Map<String, String> purposeByPath = new LinkedHashMap<>();
  private final String wizard;

  /**
   * @param tokenRole the role that mints the successor; empty for a static token
   * @throws IllegalArgumentException for an invalid role name
   */
  public TokenLifecycleCheck(String namespace, String backend, Optional<String> tokenRole) {
    this.wizard = CommandHints.wizard(namespace, backend);
    need("auth/token/lookup-self", "read", "look itself up");
    need("auth/token/renew-self", "update", "renew itself");
    need("auth/token/revoke-self", "update", "revoke itself when replaced");
    tokenRole.ifPresent(
        role -> {
          OpenBaoPaths.requireRoleName(role);
          need("auth/token/create/" + role, "update", "mint its successor through role " + role);
        });
  }

  private void need(String path, String capability, String purpose) {
    neededByPath.put(path, capability);
    purposeByPath.put(path, purpose);
  }

  /** The paths to ask {@code sys/capabilities-self} about, in one request. */
  public List<String> paths() {
    return List.copyOf(neededByPath.keySet());
  }

  /**
   * One sentence per missing right, saying what the token can no longer do and how to restore it;
   * empty when it has them all.
   *
   * @param capabilities by path, as {@code OpenBaoClient.capabilitiesSelf} returns them
   */
  public List<String> missing(Map<String, Set<String>> capabilities) {
    List<String> sentences = new ArrayList<>();
    neededByPath.forEach(
        (path, capability) -> {
          Set<String> granted = capabilities.getOrDefault(path, Set.of());
          if (!granted.contains(capability) && !granted.contains("root")) {
            sentences.add(
                "The token may not "
                    + purposeByPath.get(path)
                    + " ("
                    + capability
                    + " on "
                    + path
                    + "); restore its policy with '"
                    + wizard
                    + "'.");
          }
        });
    return List.copyOf(sentences);
  }
}
