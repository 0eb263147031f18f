package io.mcpctl.sandbox.openbao.sys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.kv.KvV1Backend;
import io.mcpctl.sandbox.openbao.kv.KvV2Backend;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import io.mcpctl.sandbox.openbao.logical.Operation;
import io.mcpctl.sandbox.openbao.token.LeaseLimits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code sys/mounts}, {@code sys/mounts/:path} and {@code sys/mounts/:path/tune}. */
final class MountsEndpoint {

  private final MountTable mounts;

  private final LeaseLimits tokenMountLimits;
  private final LeaseLimits.ServerTtls serverTtls;

  MountsEndpoint(
      MountTable mounts, LeaseLimits tokenMountLimits, LeaseLimits.ServerTtls serverTtls) {
    this.tokenMountLimits = tokenMountLimits;
    this.serverTtls = serverTtls;
    this.mounts = mounts;
  }

  LogicalResponse table(LogicalRequest request) {
    requireRead(request);
    ObjectNode data = Json.object();
    mounts.all().forEach(entry -> data.set(entry.path, entry.info()));
    return LogicalResponse.data(data);
  }

  LogicalResponse mount(LogicalRequest request, String path) {
    switch (request.operation()) {
      case READ:
        MountEntry entry =
            mounts
                .find(path)
                .orElseThrow(
                    () ->
                        ApiError.badRequest(
                            "No secret engine mount at " + MountTable.normalize(path)));
        return LogicalResponse.data(entry.info());
      case CREATE:
      case UPDATE:
        enable(request, path);
        return LogicalResponse.noContent();
      case DELETE:
        mounts.disable(path);
        return LogicalResponse.noContent();
      default:
        throw ApiError.unsupportedOperation();
    }
  }

  private void enable(LogicalRequest request, String path) {
    Fields fields = request.fields();
    String type = fields.string("type");
    if (type.isEmpty()) {
      throw ApiError.badRequest("backend type must be specified");
    }
    Map<String, String> options = null;
    Optional<ObjectNode> rawOptions = fields.object("options");
    if (rawOptions.isPresent()) {
      options = new LinkedHashMap<>();
      Map<String, String> collected = options;
      rawOptions
          .get()
          .properties()
          .forEach(option -> collected.put(option.getKey(), option.getValue().asText()));
    }
    ObjectNode config = fields.object("config").orElse(Json.object());
    Fields configFields = new Fields(config);
    mounts.enable(
        path,
        type,
        fields.string("description"),
        options,
        fields.bool("local", false),
        fields.bool("seal_wrap", false),
        ttlSeconds(configFields, "default_lease_ttl"),
        ttlSeconds(configFields, "max_lease_ttl"),
        request.now());
  }

  LogicalResponse tune(LogicalRequest request, String path) {
    if (MountTable.normalize(path).equals("auth/token/")) {
      return tuneTokenMount(request);
    }
    MountEntry entry =
        mounts
            .find(path)
            .orElseThrow(
                () ->
                    ApiError.badRequest(
                        "cannot fetch sysview for path \"" + MountTable.normalize(path) + "\""));
    switch (request.operation()) {
      case READ:
        ObjectNode data = Json.object();
        data.put("description", entry.description);
        data.put(
            "default_lease_ttl",
            entry.defaultLeaseTtlSeconds == 0
                ? serverTtls.defaultLeaseTtl().toSeconds()
                : entry.defaultLeaseTtlSeconds);
        data.put(
            "max_lease_ttl",
            entry.maxLeaseTtlSeconds == 0
                ? serverTtls.maxLeaseTtl().toSeconds()
                : entry.maxLeaseTtlSeconds);
        data.put("force_no_cache", false);
        if (entry.options != null) {
          data.set("options", Json.stringMapOrNull(entry.options));
        }
        return LogicalResponse.data(data);
      case CREATE:
      case UPDATE:
        return tuneWrite(request, entry);
      default:
        throw ApiError.unsupportedOperation();
    }
  }

  /** The token auth mount, which lives outside the mount table: its TTLs are all it tunes here. */
  private LogicalResponse tuneTokenMount(LogicalRequest request) {
    switch (request.operation()) {
      case READ:
        ObjectNode data = Json.object();
        data.put("description", "token based credentials");
        tokenMountLimits.describeInto(data);
        data.put("force_no_cache", false);
        data.put("token_type", "default-service");
        return LogicalResponse.data(data);
      case CREATE:
      case UPDATE:
        tokenMountLimits.tune(request.fields());
        return LogicalResponse.noContent();
      default:
        throw ApiError.unsupportedOperation();
    }
  }

  private LogicalResponse tuneWrite(LogicalRequest request, MountEntry entry) {
    Fields fields = request.fields();
    if (fields.has("description")) {
      entry.description = fields.string("description");
    }
    if (fields.has("default_lease_ttl")) {
      entry.defaultLeaseTtlSeconds = ttlSeconds(fields, "default_lease_ttl");
    }
    if (fields.has("max_lease_ttl")) {
      entry.maxLeaseTtlSeconds = ttlSeconds(fields, "max_lease_ttl");
    }
    Optional<ObjectNode> options = fields.object("options");
    JsonNode version = options.map(node -> node.get("version")).orElse(null);
    if (version == null || version.isNull() || !entry.isKv()) {
      return LogicalResponse.noContent();
    }
    String requested = version.asText();
    String current = entry.isKvV2() ? "2" : "1";
    if (!requested.equals("1") && !requested.equals("2")) {
      throw ApiError.badRequest("invalid version provided: " + requested);
    }
    if (requested.equals(current)) {
      return LogicalResponse.noContent();
    }
    if (current.equals("2")) {
      throw ApiError.badRequest("cannot downgrade mount from version 2");
    }
    Map<String, String> upgraded =
        entry.options == null ? new LinkedHashMap<>() : new LinkedHashMap<>(entry.options);
    upgraded.put("version", "2");
    entry.options = upgraded;
    entry.backend = KvV2Backend.upgradedFrom((KvV1Backend) entry.backend, request.now());
    return LogicalResponse.noContent().warning("Upgrading mount from version 1 to version 2");
  }

  private static long ttlSeconds(Fields fields, String name) {
    JsonNode raw = fields.raw(name);
    if (raw == null || raw.isNull() || raw.asText().equals("system") || raw.asText().isEmpty()) {
      return 0;
    }
    try {
      return Fields.parseDurationSecond(raw).toSeconds();
    } catch (IllegalArgumentException malformed) {
      throw ApiError.badRequest("unable to parse " + name + ": " + malformed.getMessage());
    }
  }

  private static void requireRead(LogicalRequest request) {
    if (request.operation() != Operation.READ) {
      throw ApiError.unsupportedOperation();
    }
  }
}
