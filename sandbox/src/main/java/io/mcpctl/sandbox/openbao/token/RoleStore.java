package io.mcpctl.sandbox.openbao.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Token roles by name, with when each was first written. */
final class RoleStore {
  private final TreeMap<String, TokenRole> roles = new TreeMap<>();
  private final Map<String, Instant> created = new HashMap<>();

  Optional<TokenRole> get(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  /**
   * The role as a node has it: one written since the changes {@code seen} says reached it is not
   * there yet (one rewritten since is, in its earlier form, which the stand-in does not keep).
   */
  Optional<TokenRole> get(String name, Predicate<Instant> seen) {
    return get(name).filter(role -> seen.test(created.get(name)));
  }

  void put(TokenRole role, Instant now) {
    roles.put(role.name, role);
    created.putIfAbsent(role.name, now);
  }

  void delete(String name) {
    roles.remove(name);
    created.remove(name);
  }

  List<String> names() {
    return new ArrayList<>(roles.keySet());
  }
}
