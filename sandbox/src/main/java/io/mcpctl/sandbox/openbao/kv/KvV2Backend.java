package io.mcpctl.sandbox.openbao.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Backend;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import io.mcpctl.sandbox.openbao.logical.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A KV version 2 mount: versions, check-and-set, soft delete, undelete, destroy, metadata and
 * listing, with OpenBao's three 404 shapes (not found, deleted or destroyed version, invalid path).
 * On a standby it answers from the versions that have reached it, and a new mount stays "upgrading"
 * there until the standby's first look at its primary after the mount reached it
 * (builtin/logical/kv/upgrade.go polls once a second); the active node's upgrade of an empty mount
 * ends within the 15 ms its requests wait for it, so there it serves at once.
 */
public final class KvV2Backend implements Backend {
  private static final String INVALID_PATH =
      "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API"
          + " endpoints to use. If using the OpenBao CLI, use 'bao kv %s' for this operation.";

  private static final String STANDBY_UPGRADING =
      "Waiting for the primary to upgrade from non-versioned to versioned data. This backend will"
          + " be unavailable for a brief period and will resume service when the primary is"
          + " finished.";

  /** How often a standby looks whether its primary has upgraded a mount. */
  private static final Duration STANDBY_UPGRADE_POLL = Duration.ofSeconds(1);

  private final TreeMap<String, KvKey> keys = new TreeMap<>();
  private final Instant enabledAt;
  private int maxVersions;
  private boolean casRequired;

  /** A new, empty mount, enabled at {@code enabledAt}. */
  public KvV2Backend(Instant enabledAt) {
    this.enabledAt = enabledAt;
  }

  /** A mount upgraded from kv v1: each existing key becomes version 1 of a secret. */
  public static KvV2Backend upgradedFrom(KvV1Backend v1, Instant now) {
    KvV2Backend upgraded = new KvV2Backend(now);
    v1.entries().forEach((path, data) -> upgraded.key(path).addVersion(data.deepCopy(), now, 0));
    return upgraded;
  }

  @Override
  public Optional<Boolean> exists(LogicalRequest request) {
    String path = request.relativePath();
    for (String prefix : List.of("data/", "metadata/")) {
      if (path.startsWith(prefix)) {
        return Optional.of(keys.containsKey(path.substring(prefix.length())));
      }
    }
    return Optional.empty();
  }

  @Override
  public LogicalResponse handle(LogicalRequest request) {
    String path = request.relativePath();
    if (request.onStandby()
        && request.now().isBefore(enabledAt.plus(request.staleBy()).plus(STANDBY_UPGRADE_POLL))) {
      throw ApiError.badRequest(STANDBY_UPGRADING);
    }
    if (path.equals("config")) {
      return config(request);
    }
    if (path.startsWith("data/")) {
      return data(request, path.substring("data/".length()));
    }
    if (path.startsWith("metadata/")) {
      return metadata(request, path.substring("metadata/".length()));
    }
    for (String versionPath : List.of("delete/", "undelete/", "destroy/")) {
      if (path.startsWith(versionPath)) {
        requireOperation(request, Operation.UPDATE, Operation.CREATE);
        return versions(request, versionPath, path.substring(versionPath.length()));
      }
    }
    return invalidPath(request);
  }

  private LogicalResponse data(LogicalRequest request, String key) {
    return switch (request.operation()) {
      case READ -> readData(request, key);
      case CREATE, UPDATE -> writeData(request, key);
      case PATCH -> patchData(request, key);
      case DELETE -> softDeleteLatest(key, request.now());
      default -> throw ApiError.unsupportedOperation();
    };
  }

  private LogicalResponse readData(LogicalRequest request, String key) {
    KvKey found = keys.get(key);
    if (found == null) {
      throw ApiError.empty(404);
    }
    // A standby serving the read knows only the versions replicated to it.
    long number =
        found.versions.descendingMap().entrySet().stream()
            .filter(entry -> request.sees(entry.getValue().createdTime))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(() -> ApiError.empty(404));
    int requested = request.fields().integer("version").orElse(0);
    if (requested > 0) {
      number = requested;
    }
    KvVersion version = found.versions.get(number);
    if (version == null || !request.sees(version.createdTime)) {
      throw ApiError.empty(404);
    }
    ObjectNode data = Json.object();
    data.set("metadata", found.versionMetadata(number, version));
    if (version.deletedAt(request.now()) || version.destroyed) {
      data.putNull("data");
      return LogicalResponse.envelopeWithStatus(404, data);
    }
    data.set("data", version.data.deepCopy());
    return LogicalResponse.data(data);
  }

  private LogicalResponse writeData(LogicalRequest request, String key) {
    if (key.isEmpty()) {
      throw ApiError.badRequest("missing path");
    }
    Fields fields = request.fields();
    if (!fields.has("data")) {
      throw ApiError.badRequest("no data provided");
    }
    ObjectNode data = fields.object("data").orElseThrow();
    KvKey existing = keys.get(key);
    if (request.onStandby()) {
      // Checked first where the request arrived, against the versions that reached it.
      checkAndSet(
          fields,
          existing == null ? 0 : existing.currentVersionSeen(request::sees),
          existing != null && existing.casRequired);
    }
    checkAndSet(
        fields,
        existing == null ? 0 : existing.currentVersion,
        existing != null && existing.casRequired);
    KvKey target = key(key);
    KvVersion version = target.addVersion(data.deepCopy(), request.now(), maxVersions);
    return LogicalResponse.data(target.versionMetadata(target.currentVersion, version));
  }

  private LogicalResponse patchData(LogicalRequest request, String key) {
    Fields fields = request.fields();
    if (!fields.has("data")) {
      throw ApiError.badRequest("no data provided");
    }
    KvKey found = keys.get(key);
    if (found == null) {
      // Not the {"errors":[]} of a read: path_data.go answers a raw 404 with no body at all.
      return LogicalResponse.statusWithoutBody(404);
    }
    checkAndSet(fields, found.currentVersion, found.casRequired);
    KvVersion current = found.versions.get(found.currentVersion);
    if (current == null) {
      return LogicalResponse.statusWithoutBody(404);
    }
    if (current.deletedAt(request.now()) || current.destroyed) {
      return LogicalResponse.envelopeWithStatus(
          404, found.versionMetadata(found.currentVersion, current));
    }
    ObjectNode patched = MergePatch.apply(current.data, fields.object("data").orElseThrow());
    KvVersion version = found.addVersion(patched, request.now(), maxVersions);
    return LogicalResponse.data(found.versionMetadata(found.currentVersion, version));
  }

  private void checkAndSet(Fields fields, long currentVersion, boolean keyRequiresCas) {
    Optional<ObjectNode> options = fields.object("options");
    JsonNode cas = options.map(node -> node.get("cas")).orElse(null);
    if (cas != null && !cas.isNull()) {
      long expected;
      try {
        expected = cas.isNumber() ? cas.asLong() : Long.parseLong(cas.asText().strip());
      } catch (NumberFormatException notANumber) {
        throw ApiError.badRequest("error parsing check-and-set parameter");
      }
      if (expected != currentVersion) {
        throw ApiError.badRequest("check-and-set parameter did not match the current version");
      }
    } else if (casRequired || keyRequiresCas) {
      throw ApiError.badRequest("check-and-set parameter required for this call");
    }
  }

  private LogicalResponse softDeleteLatest(String key, Instant now) {
    KvKey found = keys.get(key);
    if (found != null) {
      KvVersion latest = found.versions.get(found.currentVersion);
      if (latest != null
          && !latest.destroyed
          && (latest.deletionTime == null || latest.deletionTime.isAfter(now))) {
        latest.deletionTime = now;
      }
    }
    return LogicalResponse.noContent();
  }

  private LogicalResponse versions(LogicalRequest request, String action, String key) {
    List<Long> numbers = versionNumbers(request.fields());
    if (numbers.isEmpty()) {
      // builtin/logical/kv: path_delete.go (delete, undelete) capitalises, path_destroy.go not.
      throw ApiError.badRequest(
          action.equals("destroy/") ? "no version number provided" : "No version number provided");
    }
    KvKey found = keys.get(key);
    if (found == null) {
      return LogicalResponse.noContent();
    }
    Instant now = request.now();
    for (long number : numbers) {
      KvVersion version = found.versions.get(number);
      if (version == null || version.destroyed) {
        continue;
      }
      switch (action) {
        case "delete/" -> {
          if (version.deletionTime == null || version.deletionTime.isAfter(now)) {
            version.deletionTime = now;
          }
        }
        case "undelete/" -> version.deletionTime = null;
        default -> {
          version.destroyed = true;
          version.data = null;
        }
      }
    }
    return LogicalResponse.noContent();
  }

  private static List<Long> versionNumbers(Fields fields) {
    List<Long> numbers = new ArrayList<>();
    for (String text : fields.commaSlice("versions").orElse(List.of())) {
      try {
        numbers.add(Long.parseLong(text));
      } catch (NumberFormatException notANumber) {
        throw ApiError.badRequest(
            "Field validation failed: error converting input " + text + " for field \"versions\"");
      }
    }
    return numbers;
  }

  private LogicalResponse metadata(LogicalRequest request, String key) {
    switch (request.operation()) {
      case LIST:
        Fields fields = request.fields();
        return LogicalResponse.list(
            KvListing.page(
                KvListing.children(keysSeen(request), key),
                fields.string("after"),
                fields.integer("limit").orElse(0)));
      case READ:
        KvKey found = keys.get(key);
        if (found == null || !request.sees(found.createdTime)) {
          throw ApiError.empty(404);
        }
        return LogicalResponse.data(found.toMetadata(request::sees));
      case CREATE:
      case UPDATE:
        if (key.isEmpty()) {
          throw ApiError.badRequest("missing path");
        }
        writeMetadata(request, key);
        return LogicalResponse.noContent();
      case DELETE:
        keys.remove(key);
        return LogicalResponse.noContent();
      default:
        throw ApiError.unsupportedOperation();
    }
  }

  /** The keys that have reached the node answering. */
  private List<String> keysSeen(LogicalRequest request) {
    return keys.entrySet().stream()
        .filter(entry -> request.sees(entry.getValue().createdTime))
        .map(Map.Entry::getKey)
        .toList();
  }

  private void writeMetadata(LogicalRequest request, String key) {
    Fields fields = request.fields();
    Optional<Integer> max = fields.integer("max_versions");
    Optional<Boolean> cas = fields.bool("cas_required");
    Optional<Map<String, String>> custom = fields.stringMap("custom_metadata");
    KvKey target =
        keys.computeIfAbsent(
            key,
            absent -> {
              KvKey created = new KvKey();
              created.createdTime = request.now();
              return created;
            });
    max.ifPresent(value -> target.maxVersions = value);
    cas.ifPresent(value -> target.casRequired = value);
    custom.ifPresent(value -> target.customMetadata = new TreeMap<>(value));
    target.updatedTime = request.now();
    target.currentMetadataVersion++;
  }

  private LogicalResponse config(LogicalRequest request) {
    switch (request.operation()) {
      case READ:
        ObjectNode data = Json.object();
        data.put("cas_required", casRequired);
        data.put("delete_version_after", "0s");
        data.put("max_versions", maxVersions);
        return LogicalResponse.data(data);
      case CREATE:
      case UPDATE:
        request.fields().integer("max_versions").ifPresent(value -> maxVersions = value);
        request.fields().bool("cas_required").ifPresent(value -> casRequired = value);
        return LogicalResponse.noContent();
      default:
        throw ApiError.unsupportedOperation();
    }
  }

  private static LogicalResponse invalidPath(LogicalRequest request) {
    String path = request.relativePath();
    if (List.of("metadata", "data", "delete", "undelete", "destroy").contains(path)) {
      return LogicalResponse.envelopeWithStatus(404, null)
          .warning("Non-listing operations on the root of a K/V v2 mount are not supported.");
    }
    String command =
        switch (request.operation()) {
          case CREATE, UPDATE -> "put";
          case PATCH -> "patch";
          case READ -> "get";
          case LIST -> "list";
          case DELETE -> "delete";
        };
    return LogicalResponse.envelopeWithStatus(404, null)
        .warning(String.format(INVALID_PATH, command));
  }

  private static void requireOperation(LogicalRequest request, Operation... allowed) {
    for (Operation operation : allowed) {
      if (request.operation() == operation) {
        return;
      }
    }
    throw ApiError.unsupportedOperation();
  }

  private KvKey key(String path) {
    return keys.computeIfAbsent(path, absent -> new KvKey());
  }
}
