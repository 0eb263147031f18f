package io.mcpctl.sandbox.openbao.kv;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** A storage listing: the direct children of a folder, sub-folders ending in {@code /}, sorted. */
final class KvListing {
  private KvListing() {}

  static List<String> children(Collection<String> keys, String folder) {
    TreeSet<String> children = new TreeSet<>();
    for (String key : keys) {
      if (!key.startsWith(folder) || key.length() == folder.length()) {
        continue;
      }
      String rest = key.substring(folder.length());
      int slash = rest.indexOf('/');
      children.add(slash < 0 ? rest : rest.substring(0, slash + 1));
    }
    return List.copyOf(children);
  }
}
