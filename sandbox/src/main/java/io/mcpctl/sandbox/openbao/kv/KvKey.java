package io.mcpctl.sandbox.openbao.kv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.GoTime;
import io.mcpctl.sandbox.openbao.logical.Json;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The metadata of one KV v2 key and its versions; it outlives soft deletes and destroys. */
final class KvKey {
  private static final int DEFAULT_MAX_VERSIONS = 10;

  Instant createdTime;
  Instant updatedTime;
  long currentVersion;
  long oldestVersion;
  int maxVersions;
  boolean casRequired;
  Map<String, String> customMetadata;
  long currentMetadataVersion;
  final TreeMap<Long, KvVersion> versions = new TreeMap<>();

  /**
   * Adds a version and prunes as OpenBao's {@code KeyMetadata.AddVersion} (builtin/logical/kv,
   * path_data.go): the limit is the larger of the key's and the engine's {@code max_versions}, 10
   * when neither is set; once the window from {@code oldest_version} reaches it, everything before
   * it goes and {@code oldest_version} moves up, even when there was nothing left to remove.
   */
  KvVersion addVersion(ObjectNode data, Instant now, int engineMaxVersions) {
    KvVersion version = new KvVersion(data, now);
    currentVersion++;
    versions.put(currentVersion, version);
    updatedTime = now;
    if (createdTime == null) {
      createdTime = now;
    }
    int larger = Math.max(maxVersions, engineMaxVersions);
    int limit = larger > 0 ? larger : DEFAULT_MAX_VERSIONS;
    if (currentVersion - oldestVersion >= limit) {
      long versionToDelete = currentVersion - limit;
      for (long old = oldestVersion; old <= versionToDelete; old++) {
        versions.remove(old);
      }
      oldestVersion = versionToDelete + 1;
    }
    return version;
  }

  ObjectNode versionMetadata(long number, KvVersion version) {
    ObjectNode metadata = Json.object();
    metadata.put("version", number);
    metadata.put("created_time", GoTime.utc(version.createdTime));
    metadata.put(
        "deletion_time", version.deletionTime == null ? "" : GoTime.utc(version.deletionTime));
    metadata.put("destroyed", version.destroyed);
    metadata.set("custom_metadata", Json.stringMapOrNull(customMetadata));
    return metadata;
  }

  /** The newest version that {@code seen} says has reached the node answering; 0 for none. */
  long currentVersionSeen(Predicate<Instant> seen) {
    return versions.descendingMap().entrySet().stream()
        .filter(entry -> seen.test(entry.getValue().createdTime))
        .mapToLong(Map.Entry::getKey)
        .findFirst()
        .orElse(0);
  }

  /** The metadata as the node answering has it: the versions {@code seen} says reached it. */
  ObjectNode toMetadata(Predicate<Instant> seen) {
    ObjectNode data = Json.object();
    ObjectNode versionsNode = Json.object();
    versions.forEach(
        (number, version) -> {
          if (!seen.test(version.createdTime)) {
            return;
          }
          ObjectNode entry = Json.object();
          entry.put("created_time", GoTime.utc(version.createdTime));
          entry.put(
              "deletion_time",
              version.deletionTime == null ? "" : GoTime.utc(version.deletionTime));
          entry.put("destroyed", version.destroyed);
          versionsNode.set(Long.toString(number), entry);
        });
    data.set("versions", versionsNode);
    data.put("current_version", currentVersionSeen(seen));
    data.put("oldest_version", oldestVersion);
    data.put("current_metadata_version", currentMetadataVersion);
    data.put("created_time", createdTime == null ? "" : GoTime.utc(createdTime));
    data.put("updated_time", updatedTime == null ? "" : GoTime.utc(updatedTime));
    data.put("max_versions", maxVersions);
    data.put("cas_required", casRequired);
    data.put("metadata_cas_required", false);
    data.put("delete_version_after", "0s");
    data.set("custom_metadata", Json.stringMapOrNull(customMetadata));
    return data;
  }
}
