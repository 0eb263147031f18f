package io.mcpctl.sandbox.openbao.sys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.Backend;
import io.mcpctl.sandbox.openbao.logical.Json;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** One row of the mount table and the engine serving it. */
public final class MountEntry {
  static final String RUNNING_VERSION = "v" + StandInVersion.VERSION + "+builtin.bao";

  final String path;
  final String type;
  String description;
  final String accessor;
  final String uuid = UUID.randomUUID().toString();
  final boolean local;
  final boolean sealWrap;
  Map<String, String> options;
  long defaultLeaseTtlSeconds;
  long maxLeaseTtlSeconds;
  Backend backend;

  /** When the mount was enabled; a standby routes to it only once that has reached it. */
  Instant enabledAt = Instant.EPOCH;

  MountEntry(
      String path,
      String type,
      String description,
      Map<String, String> options,
      boolean local,
      boolean sealWrap,
      Backend backend) {
    this.path = path;
    this.type = type;
    this.description = description;
    this.accessor = type + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    this.options = options == null ? null : new TreeMap<>(options);
    this.local = local;
    this.sealWrap = sealWrap;
    this.backend = backend;
  }

  public String path() {
    return path;
  }

  public Instant enabledAt() {
    return enabledAt;
  }

  public Backend backend() {
    return backend;
  }

  /** KV version 2 iff type {@code kv} and option {@code version} is the string {@code "2"}. */
  boolean isKvV2() {
    return type.equals("kv") && options != null && "2".equals(options.get("version"));
  }

  boolean isKv() {
    return type.equals("kv");
  }

  /** OpenBao's {@code mountInfo}. */
  ObjectNode info() {
    ObjectNode info = Json.object();
    info.put("type", type);
    info.put("description", description);
    info.put("accessor", accessor);
    info.put("uuid", uuid);
    info.put("local", local);
    info.put("seal_wrap", sealWrap);
    info.put("external_entropy_access", false);
    info.set("options", Json.stringMapOrNull(options));
    info.put("plugin_version", "");
    info.put("running_plugin_version", RUNNING_VERSION);
    info.put("running_sha256", "");
    ObjectNode config = Json.object();
    config.put("default_lease_ttl", defaultLeaseTtlSeconds);
    config.put("max_lease_ttl", maxLeaseTtlSeconds);
    config.put("force_no_cache", false);
    info.set("config", config);
    return info;
  }
}
