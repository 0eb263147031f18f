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

  /**
   * One page of a sorted listing, as OpenBao's {@code ListPage}: the entries after {@code after}
   * (which need not exist), at most {@code limit} of them; a limit of zero or less means all.
   */
  static List<String> page(List<String> sorted, String after, int limit) {
    List<String> rest =
        after.isEmpty() ? sorted : sorted.stream().filter(e -> e.compareTo(after) > 0).toList();
    return limit > 0 && rest.size() > limit ? List.copyOf(rest.subList(0, limit)) : rest;
  }
}
