package io.mcpctl.openbao.policy;

import io.mcpctl.api.v1alpha1.CommandHints;
import io.mcpctl.openbao.KvV2;
import io.mcpctl.openbao.OpenBaoPaths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a backend's token may do in KV, asked of {@code sys/capabilities-self} (which the {@code
 * default} policy every token carries allows) without writing anything: whether it can still read
 * and write its own namespace's folder, and whether it reaches another namespace's folder, as the
 * policies written before per-namespace isolation do.
 */
public final class KvAccessCheck {

  /** Capabilities consumers need on their own folder's data: read and write. */
  static final List<String> NEEDED = List.of("read", "create", "update");

  /**
   * The namespace whose folder stands for "any other namespace". A policy with a glob over the
   * prefix reaches it; the narrow policy names its own namespace and does not.
   */
  static final String PROBE_NAMESPACE = "mcpctl-isolation-probe";

  private final String wizard;
  private final String ownFolder;
  private final String ownData;
  private final String otherData;
  private final String otherMetadata;
  private final String prefixListing;

  /**
   * @throws IllegalArgumentException for a bad mount, prefix or namespace
   */
  public KvAccessCheck(String mount, String pathPrefix, String namespace, String backend) {
    OpenBaoPaths.requireMount(mount);
    this.wizard = CommandHints.wizard(namespace, backend);
    String folder = OpenBaoPaths.namespaceFolder(pathPrefix, namespace);
    String other =
        OpenBaoPaths.namespaceFolder(
            pathPrefix,
            namespace.equals(PROBE_NAMESPACE) ? PROBE_NAMESPACE + "-2" : PROBE_NAMESPACE);
    this.ownFolder = mount + "/data/" + folder + "/";
    this.ownData = mount + "/data/" + KvV2.healthCheckPath(folder);
    this.otherData = mount + "/data/" + KvV2.healthCheckPath(other);
    this.otherMetadata = mount + "/metadata/" + KvV2.healthCheckPath(other);
    this.prefixListing = mount + "/metadata/" + pathPrefix + "/";
  }

  /** The policy paths to ask {@code sys/capabilities-self} about, in one request. */
  public List<String> paths() {
    return List.of(ownData, otherData, otherMetadata, prefixListing);
  }

  /**
   * The verdict on the capabilities OpenBao answered for {@link #paths()}.
   *
   * @param capabilities by path, as {@code OpenBaoClient.capabilitiesSelf} returns them
   */
  public Verdict judge(Map<String, Set<String>> capabilities) {
    Set<String> own = capabilities.getOrDefault(ownData, Set.of());
    List<String> missing =
        own.contains("root") ? List.of() : NEEDED.stream().filter(c -> !own.contains(c)).toList();
    Optional<String> missingSentence =
        missing.isEmpty()
            ? Optional.empty()
            : Optional.of(
                "The token may no longer "
                    + String.join(" or ", missing)
                    + " secrets in "
                    + ownFolder
                    + ", so consumers cannot use them; its policy was changed or removed, restore it"
                    + " with '"
                    + wizard
                    + "'.");
    boolean reachesOthers =
        List.of(otherData, otherMetadata, prefixListing).stream()
            .map(path -> capabilities.getOrDefault(path, Set.of()))
            .anyMatch(caps -> caps.stream().anyMatch(cap -> !cap.equals("deny")));
    Optional<String> broadSentence =
        reachesOthers
            ? Optional.of(
                "The token's policy reaches other namespaces' secrets under "
                    + prefixListing.replace("/metadata/", "/data/")
                    + ", not only "
                    + ownFolder
                    + "; narrow it to this namespace with '"
                    + wizard
                    + "'.")
            : Optional.empty();
    return new Verdict(missingSentence, broadSentence);
  }

  /**
   * @param cannotUseOwnFolder present when the token lacks read or write on its own folder
   * @param tooBroad present when the token reaches another namespace's folder
   */
  public record Verdict(Optional<String> cannotUseOwnFolder, Optional<String> tooBroad) {}
}
