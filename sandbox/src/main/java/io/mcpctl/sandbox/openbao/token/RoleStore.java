package io.mcpctl.sandbox.openbao.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Token roles by name. */
final class RoleStore {
  private final TreeMap<String, TokenRole> roles = new TreeMap<>();

  Optional<TokenRole> get(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  void put(TokenRole role) {
    roles.put(role.name, role);
  }

  void delete(String name) {
    roles.remove(name);
  }

  List<String> names() {
    return new ArrayList<>(roles.keySet());
  }
}
